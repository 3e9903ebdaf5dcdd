namespace Mesh.Wire.Json;

/// <summary>
/// A parsed value, before it is bound to a message type. Keeps the byte offset it started at so that
/// binding errors can say where the offending value is.
/// </summary>
public abstract class WireNode(int offset)
{
    public int Offset { get; } = offset;
    public abstract string Kind { get; }
}

public sealed class WireObject(int offset, IReadOnlyList<KeyValuePair<string, WireNode>> members) : WireNode(offset)
{
    public IReadOnlyList<KeyValuePair<string, WireNode>> Members { get; } = members;
    public override string Kind => "object";
}

public sealed class WireArray(int offset, IReadOnlyList<WireNode> items) : WireNode(offset)
{
    public IReadOnlyList<WireNode> Items { get; } = items;
    public override string Kind => "array";
}

/// <summary>A string as written; binary fields are decoded from it only when bound (base64url, wraps skipped).</summary>
public sealed class WireString(int offset, string value) : WireNode(offset)
{
    public string Value { get; } = value;
    public override string Kind => "string";
}

/// <summary>A JSON-B/JSON-C binary value.</summary>
public sealed class WireBytes(int offset, byte[] value) : WireNode(offset)
{
    public byte[] Value { get; } = value;
    public override string Kind => "binary";
}

/// <summary>A number as written; only integers bind (the Mesh schemas use no floating point).</summary>
public sealed class WireNumber(int offset, string text) : WireNode(offset)
{
    public string Text { get; } = text;
    public override string Kind => "number";
}

public sealed class WireBoolean(int offset, bool value) : WireNode(offset)
{
    public bool Value { get; } = value;
    public override string Kind => "boolean";
}

public sealed class WireNull(int offset) : WireNode(offset)
{
    public override string Kind => "null";
}

/// <summary>Malformed input: says what was wrong and where (byte offset, and line/column for text).</summary>
public sealed class WireFormatException(string reason, int offset, int line = 0, int column = 0)
    : FormatException(line > 0 ? $"{reason} at line {line}, column {column} (byte {offset})" : $"{reason} at byte {offset}")
{
    public string Reason { get; } = reason;
    public int Offset { get; } = offset;
    public int Line { get; } = line;
    public int Column { get; } = column;
}
