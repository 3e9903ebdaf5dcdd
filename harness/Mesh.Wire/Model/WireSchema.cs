using System.Collections.Concurrent;
using System.Reflection;

namespace Mesh.Wire.Model;

/// <summary>One member of a record type, as the serialiser sees it.</summary>
public sealed record WireMember(string Name, PropertyInfo Property, bool Tagged)
{
    public Type ValueType => Property.PropertyType;
}

/// <summary>The members of each record type in wire order, computed once per type.</summary>
public static class WireSchema
{
    static readonly ConcurrentDictionary<Type, IReadOnlyList<WireMember>> Cache = new();

    public static IReadOnlyList<WireMember> MembersOf(Type type) => Cache.GetOrAdd(type, Build);

    static IReadOnlyList<WireMember> Build(Type type)
    {
        var chain = new List<Type>();
        for (var t = type; t is not null && t != typeof(WireRecord); t = t.BaseType) chain.Insert(0, t);
        var members = new List<WireMember>();
        foreach (var level in chain)
        {
            members.AddRange(level
                .GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Select(p => (Property: p, Attribute: p.GetCustomAttribute<WireAttribute>()))
                .Where(p => p.Attribute is not null)
                .OrderBy(p => p.Attribute!.Order)
                .Select(p => new WireMember(p.Attribute!.Name ?? p.Property.Name, p.Property, p.Attribute.Tagged)));
        }
        return members;
    }
}
