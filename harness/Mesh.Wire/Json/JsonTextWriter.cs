using System.Buffers;
using System.Globalization;
using System.Text;
using Mesh.Wire.Text;

namespace Mesh.Wire.Json;

/// <summary>
/// Writes JSON text exactly as the reference writer lays it out (docs/reference-behaviour.md §E1.2): LF and two spaces
/// per level before every member and every array element after the first, closing brackets piled on
/// the last line, no trailing newline. The bytes are what gets digested and signed, so layout matters.
/// </summary>
public sealed class JsonTextWriter(BinaryLayout binaryLayout = BinaryLayout.ReferenceWrapped) : IWireWriter
{
    // docs/reference-behaviour.md §E1.6: a binary value's column counter starts at 1 + 4 + len(last member name written)
    // and a wrap (LF + two spaces, column 2) happens whenever it would pass column 63.
    const int WrapColumn = 63;

    // What a string value cannot hold as it is (RFC 8259 §7): the quote, the backslash and the control characters.
    static readonly SearchValues<char> NeedsEscape =
        SearchValues.Create([.. Enumerable.Range(0, 0x20).Select(c => (char)c), '"', '\\']);

    readonly StringBuilder text = new();
    readonly Stack<int> elementCounts = new();
    readonly Stack<bool> inArray = new();
    int indent;
    string lastMember = "";

    public void BeginObject()
    {
        BeforeValue();
        text.Append('{');
        Open(array: false);
    }

    public void EndObject() => Close('}');

    public void BeginArray()
    {
        BeforeValue();
        text.Append('[');
        Open(array: true);
    }

    public void EndArray() => Close(']');

    public void Member(string name)
    {
        var count = elementCounts.Pop();
        if (count > 0) text.Append(',');
        elementCounts.Push(count + 1);
        NewLine();
        text.Append('"').Append(name).Append("\": ");
        lastMember = name;
    }

    public void WriteString(string value)
    {
        BeforeValue();
        text.Append('"');
        var rest = value.AsSpan();
        for (var next = rest.IndexOfAny(NeedsEscape); next >= 0; next = rest.IndexOfAny(NeedsEscape))
        {
            text.Append(rest[..next]);
            switch (rest[next])
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case var c: text.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)); break;
            }
            rest = rest[(next + 1)..];
        }
        text.Append(rest).Append('"');
    }

    public void WriteInteger(long value)
    {
        BeforeValue();
        text.Append(value.ToString(CultureInfo.InvariantCulture));
    }

    public void WriteBoolean(bool value)
    {
        BeforeValue();
        text.Append(value ? "true" : "false");
    }

    public void WriteNull()
    {
        BeforeValue();
        text.Append("null");
    }

    public void WriteDateTime(DateTime value)
    {
        BeforeValue();
        // docs/reference-behaviour.md §E1.5: seconds precision and a literal Z; the value is taken as UTC as stored.
        text.Append('"').Append(value.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)).Append("Z\"");
    }

    public void WriteBinary(ReadOnlySpan<byte> value)
    {
        BeforeValue();
        var encoded = Base64Url.Encode(value);
        text.Append('"');
        if (binaryLayout == BinaryLayout.Unwrapped)
        {
            text.Append(encoded);
        }
        else
        {
            // The column of the last character written; after a wrap the next one is at column 2.
            var column = 1 + 4 + lastMember.Length;
            for (var at = 0; at < encoded.Length;)
            {
                if (column >= WrapColumn)
                {
                    text.Append("\n  ");
                    column = 1;
                }
                var run = Math.Min(WrapColumn - column, encoded.Length - at);
                text.Append(encoded, at, run);
                (at, column) = (at + run, column + run);
            }
        }
        text.Append('"');
    }

    public byte[] ToArray() => Encoding.UTF8.GetBytes(text.ToString());

    public override string ToString() => text.ToString();

    void Open(bool array)
    {
        indent++;
        elementCounts.Push(0);
        inArray.Push(array);
    }

    void Close(char bracket)
    {
        text.Append(bracket);
        indent--;
        elementCounts.Pop();
        inArray.Pop();
    }

    // Array elements after the first start on a new line; object members write their own separator.
    void BeforeValue()
    {
        if (inArray.Count == 0 || !inArray.Peek()) return;
        var count = elementCounts.Pop();
        if (count > 0)
        {
            text.Append(',');
            NewLine();
        }
        elementCounts.Push(count + 1);
    }

    void NewLine() => text.Append('\n').Append(' ', 2 * indent);
}
