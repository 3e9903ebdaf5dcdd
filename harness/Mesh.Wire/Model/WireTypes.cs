using System.Reflection;

namespace Mesh.Wire.Model;

/// <summary>
/// Overrides the wire tag of a type. Requests are tagged with their transaction name
/// (<c>{"Hello": {}}</c>), everything else with its type name (docs/wire.md).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class WireTagAttribute(string tag) : Attribute
{
    public string Tag { get; } = tag;
}

/// <summary>
/// The one registry from wire tags to types: transaction names for requests, type names for responses,
/// profiles, Mesh messages and tagged key structures. Built from the types of this assembly.
/// </summary>
public static class WireTypes
{
    static readonly Dictionary<string, Type> ByTag = new(StringComparer.Ordinal);
    static readonly Dictionary<Type, string> TagByType = [];

    static WireTypes()
    {
        foreach (var type in typeof(WireTypes).Assembly.GetTypes()
                     .Where(t => t.IsSubclassOf(typeof(WireRecord)) && !t.IsAbstract && t.IsPublic))
        {
            var tag = type.GetCustomAttribute<WireTagAttribute>()?.Tag ?? type.Name;
            ByTag.Add(tag, type);
            TagByType.Add(type, tag);
        }
    }

    public static IReadOnlyCollection<string> Tags => ByTag.Keys;

    public static string TagOf(Type type) =>
        TagByType.TryGetValue(type, out var tag) ? tag : throw new ArgumentException($"{type.Name} is not a registered wire type");

    public static bool TryResolve(string tag, out Type type) => ByTag.TryGetValue(tag, out type!);
}
