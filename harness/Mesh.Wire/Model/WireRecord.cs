using System.Runtime.CompilerServices;

namespace Mesh.Wire.Model;

/// <summary>
/// Base of every structure and message of the Mesh schemas. Members are the properties marked
/// <see cref="WireAttribute"/>, written in declaration order with base-class members first
/// (docs/reference-behaviour.md §E1.4); a null member is omitted.
/// </summary>
public abstract class WireRecord
{
    /// <summary>Names of members met while reading that the schema does not know (skipped, but kept for checks).</summary>
    public IReadOnlyList<string> UnknownMembers { get; internal set; } = [];
}

/// <summary>
/// Marks a schema member. The declaration line orders members, so the order in the class is the
/// order on the wire; <paramref name="name"/> overrides the property name (the schema's Tag overrides
/// such as <c>kid</c>, <c>dig</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class WireAttribute(string? name = null, [CallerLineNumber] int order = 0) : Attribute
{
    public string? Name { get; } = name;
    public int Order { get; } = order;

    /// <summary>The value is a tagged structure, written as <c>{"TypeName": {…}}</c> (docs/reference-behaviour.md §E1.3).</summary>
    public bool Tagged { get; init; }
}
