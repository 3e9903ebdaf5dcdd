namespace Mesh.Wire.Model;

/// <summary>
/// Where a value sits in a message (<c>$.UploadRequest.Updates[0].Container</c>), spelt out only when an error names
/// it: a request binds dozens of members, and building each one's path as text cost more than binding it.
/// </summary>
public sealed class WirePath
{
    readonly WirePath? parent;
    readonly string? member;
    readonly int index;
    readonly string? text;

    WirePath(string text) => this.text = text;

    WirePath(WirePath parent, string? member, int index) => (this.parent, this.member, this.index) = (parent, member, index);

    /// <summary>The path of a message's root as a reader names it (<c>$</c>), or any path given as text.</summary>
    public static WirePath Of(string text) => new(text);

    public static readonly WirePath Root = Of("$");

    public WirePath Member(string name) => new(this, name, -1);

    public WirePath Item(int i) => new(this, null, i);

    public override string ToString() => text ?? (member is not null ? $"{parent}.{member}" : $"{parent}[{index}]");
}

/// <summary>
/// A member or item of a value as binding reaches it: made into a <see cref="WirePath"/> only when
/// something needs one (an error, or a value with members of its own), so that the strings and numbers of a message,
/// most of its values, bind without one.
/// </summary>
readonly struct WirePathStep
{
    readonly WirePath parent;
    readonly string? member;
    readonly int index;

    public WirePathStep(WirePath parent, string member) => (this.parent, this.member, index) = (parent, member, -1);

    public WirePathStep(WirePath parent, int index) => (this.parent, member, this.index) = (parent, null, index);

    public WirePath Path => member is not null ? parent.Member(member) : parent.Item(index);
}
