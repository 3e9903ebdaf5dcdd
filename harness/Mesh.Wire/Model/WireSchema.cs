using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using Mesh.Wire.Dare;

namespace Mesh.Wire.Model;

/// <summary>One member of a record type, as the serialiser sees it, with its accessors compiled once.</summary>
public sealed record WireMember(string Name, PropertyInfo Property, bool Tagged)
{
    public Type ValueType => Property.PropertyType;

    /// <summary>Reads the member of a record (a compiled accessor: no reflection per value).</summary>
    public Func<object, object?> Get { get; } = Accessors.Getter(Property);

    /// <summary>Sets the member of a record (a compiled accessor: no reflection per value).</summary>
    public Action<object, object?> Set { get; } = Accessors.Setter(Property);

    /// <summary>How a value of the member binds.</summary>
    public WireShape Shape => shape ??= WireShape.Of(ValueType);
    WireShape? shape;
}

/// <summary>The members of each record type in wire order, and by name, computed once per type.</summary>
public static class WireSchema
{
    static readonly ConcurrentDictionary<Type, IReadOnlyList<WireMember>> Cache = new();

    public static IReadOnlyList<WireMember> MembersOf(Type type) => Cache.GetOrAdd(type, Build);

    /// <summary>
    /// The member a wire name binds to. Where a type declares a name twice (DARE headers declare "signatures" at two
    /// levels) the last declaration wins, as readers take the header's.
    /// </summary>
    public static IReadOnlyDictionary<string, WireMember> MembersByName(Type type) => WireShape.Of(type).Members;

    /// <summary>Builds the table <see cref="MembersByName"/> returns; <see cref="WireShape.Members"/> keeps it, once per type.</summary>
    internal static IReadOnlyDictionary<string, WireMember> ByName(Type type)
    {
        var byName = new Dictionary<string, WireMember>(StringComparer.Ordinal);
        foreach (var member in MembersOf(type)) byName[member.Name] = member;
        return byName;
    }

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

/// <summary>What a wire value binds to.</summary>
public enum WireKind
{
    String,
    Int32,
    Int64,
    Boolean,
    DateTime,
    Binary,
    Envelope,
    Record,
    List,
    Unsupported,
}

/// <summary>
/// A member type's binding, worked out once per type: its kind, whether null is allowed, its constructor (records,
/// lists) and, for lists, the shape of the items.
/// </summary>
public sealed class WireShape
{
    static readonly ConcurrentDictionary<Type, WireShape> Cache = new();

    WireShape(Type type)
    {
        Type = type;
        var underlying = Nullable.GetUnderlyingType(type);
        AcceptsNull = !type.IsValueType || underlying is not null;
        Target = underlying ?? type;
        Kind = Target == typeof(string) ? WireKind.String
            : Target == typeof(int) ? WireKind.Int32
            : Target == typeof(long) ? WireKind.Int64
            : Target == typeof(bool) ? WireKind.Boolean
            : Target == typeof(DateTime) ? WireKind.DateTime
            : Target == typeof(byte[]) ? WireKind.Binary
            : Target == typeof(DareEnvelope) ? WireKind.Envelope
            : typeof(WireRecord).IsAssignableFrom(Target) ? WireKind.Record
            : Target.IsGenericType && Target.GetGenericTypeDefinition() == typeof(List<>) ? WireKind.List
            : WireKind.Unsupported;
        if (Kind == WireKind.List) ItemType = Target.GetGenericArguments()[0];
        if (Kind is WireKind.List or WireKind.Record && !Target.IsAbstract && Target.GetConstructor(Type.EmptyTypes) is not null) Create = Accessors.Constructor(Target);
    }

    public static WireShape Of(Type type) => Cache.GetOrAdd(type, t => new WireShape(t));

    public Type Type { get; }
    /// <summary>The type without <see cref="Nullable{T}"/>.</summary>
    public Type Target { get; }
    public WireKind Kind { get; }
    public bool AcceptsNull { get; }
    public Type? ItemType { get; }
    /// <summary>A new empty instance (records that are not abstract, lists).</summary>
    public Func<object>? Create { get; }

    /// <summary>For lists, the shape of the items.</summary>
    public WireShape? ItemShape => ItemType is null ? null : itemShape ??= Of(ItemType);
    WireShape? itemShape;

    /// <summary>For records, the members by wire name (<see cref="WireSchema.MembersByName"/>), built once.</summary>
    public IReadOnlyDictionary<string, WireMember> Members => members ??= WireSchema.ByName(Target);
    IReadOnlyDictionary<string, WireMember>? members;
}

/// <summary>Compiled property accessors and constructors, built once per member or type.</summary>
static class Accessors
{
    public static Func<object, object?> Getter(PropertyInfo property)
    {
        var instance = Expression.Parameter(typeof(object), "instance");
        var read = Expression.Property(Expression.Convert(instance, property.DeclaringType!), property);
        return Expression.Lambda<Func<object, object?>>(Expression.Convert(read, typeof(object)), instance).Compile();
    }

    public static Action<object, object?> Setter(PropertyInfo property)
    {
        if (property.SetMethod is null) return (_, _) => throw new InvalidOperationException($"{property.DeclaringType!.Name}.{property.Name} cannot be set");
        var instance = Expression.Parameter(typeof(object), "instance");
        var value = Expression.Parameter(typeof(object), "value");
        var assign = Expression.Assign(Expression.Property(Expression.Convert(instance, property.DeclaringType!), property),
            Expression.Convert(value, property.PropertyType));
        return Expression.Lambda<Action<object, object?>>(assign, instance, value).Compile();
    }

    public static Func<object> Constructor(Type type) =>
        Expression.Lambda<Func<object>>(Expression.Convert(Expression.New(type), typeof(object))).Compile();
}
