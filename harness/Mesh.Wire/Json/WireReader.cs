using System.Collections.Concurrent;
using System.Text;

namespace Mesh.Wire.Json;

/// <summary>
/// Reads JSON text, JSON-B and JSON-C into <see cref="WireNode"/>s. Like the reference reader it is a
/// hybrid: a byte ≥ 0x80 where a token is expected is a binary token, anything else is text
/// (docs/reference-behaviour.md §E1.7, §E2.2). It is tolerant where the reference writer needs it (raw line breaks inside
/// strings, no separators between binary tokens) and strict elsewhere, with the position of each error.
/// It reads the caller's bytes in place: nothing is copied but the values it returns.
/// </summary>
public ref struct WireReader
{
    static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    readonly ReadOnlySpan<byte> data;
    readonly IReadOnlyList<string>? dictionary;
    int position;
    bool binarySeen;

    WireReader(ReadOnlySpan<byte> data, IReadOnlyList<string>? dictionary)
    {
        this.data = data;
        this.dictionary = dictionary;
    }

    /// <summary>Parses one value that must fill the input (trailing whitespace allowed).</summary>
    public static WireNode Parse(ReadOnlySpan<byte> data, IReadOnlyList<string>? dictionary = null)
    {
        var reader = new WireReader(data, dictionary);
        var value = reader.ReadValue(depth: 0);
        reader.SkipWhitespace();
        if (reader.position < reader.data.Length) throw reader.Error("Unexpected data after the end of the value");
        return value;
    }

    const int MaxDepth = 64;

    WireNode ReadValue(int depth)
    {
        if (depth > MaxDepth) throw Error("Nesting deeper than 64 levels");
        SkipWhitespace();
        if (position >= data.Length) throw Error("Unexpected end of input, expected a value");
        var start = position;
        var b = data[position];
        if (b >= 0x80) return ReadBinaryToken(start, allowName: false);
        return b switch
        {
            (byte)'{' => ReadObject(depth),
            (byte)'[' => ReadArray(depth),
            (byte)'"' => new WireString(start, ReadTextString()),
            (byte)'t' => ReadLiteral("true", new WireBoolean(start, true)),
            (byte)'f' => ReadLiteral("false", new WireBoolean(start, false)),
            (byte)'n' => ReadLiteral("null", new WireNull(start)),
            (byte)'-' or (>= (byte)'0' and <= (byte)'9') => ReadNumber(),
            _ => throw Error($"Unexpected character '{(char)b}', expected a value"),
        };
    }

    WireObject ReadObject(int depth)
    {
        var start = position++;
        var members = new List<KeyValuePair<string, WireNode>>();
        HashSet<string>? names = null;
        while (true)
        {
            SkipWhitespace();
            if (position >= data.Length) throw Error("Unexpected end of input inside an object");
            var b = data[position];
            if (b == '}') { position++; return new WireObject(start, members); }
            if (members.Count > 0 && !SeparatorBefore(b)) throw Error("Expected ',' or '}' after a member");
            SkipWhitespace();
            if (position >= data.Length) throw Error("Unexpected end of input inside an object");
            string name;
            var nameStart = position;
            if (data[position] == '"')
            {
                name = ReadName();
                SkipWhitespace();
                if (position >= data.Length || data[position] != ':') throw Error("Expected ':' after a member name");
                position++;
            }
            else if (data[position] >= 0x80)
            {
                name = ReadBinaryToken(position, allowName: true) is WireString s ? s.Value : throw Error("Expected a member name");
            }
            else throw Error($"Unexpected character '{(char)data[position]}', expected a member name");
            if (IsDuplicate(members, ref names, name)) throw Error($"Duplicate member name '{(name.Length > 64 ? name[..64] + "…" : name)}'", nameStart);
            members.Add(new(name, ReadValue(depth + 1)));
        }
    }

    // A member named twice would leave the reader to choose which one counts, and two readers may choose
    // differently (one checks the first Account, another serves the last): the object is refused instead.
    static bool IsDuplicate(List<KeyValuePair<string, WireNode>> members, ref HashSet<string>? names, string name)
    {
        if (names is null && members.Count < 8)
        {
            foreach (var member in members)
            {
                if (string.Equals(member.Key, name, StringComparison.Ordinal)) return true;
            }
            return false;
        }
        names ??= new HashSet<string>(members.Select(m => m.Key), StringComparer.Ordinal);
        return !names.Add(name);
    }

    WireArray ReadArray(int depth)
    {
        var start = position++;
        var items = new List<WireNode>();
        while (true)
        {
            SkipWhitespace();
            if (position >= data.Length) throw Error("Unexpected end of input inside an array");
            var b = data[position];
            if (b == ']') { position++; return new WireArray(start, items); }
            if (items.Count > 0 && !SeparatorBefore(b)) throw Error("Expected ',' or ']' after an element");
            items.Add(ReadValue(depth + 1));
        }
    }

    // Text needs a ',' between items. JSON-B writes none, so once the input has shown a binary token
    // any item may follow directly (a text date, an object after a binary payload).
    bool SeparatorBefore(byte next)
    {
        if (next == ',') { position++; return true; }
        return binarySeen || next >= 0x80;
    }

    WireNode ReadLiteral(string word, WireNode node)
    {
        foreach (var c in word)
        {
            if (position >= data.Length || data[position] != c) throw Error($"Invalid literal, expected '{word}'");
            position++;
        }
        return node;
    }

    WireNumber ReadNumber()
    {
        var start = position;
        if (data[position] == '-') position++;
        var digits = position;
        while (position < data.Length && data[position] is (>= (byte)'0' and <= (byte)'9') or (byte)'.' or (byte)'e' or (byte)'E' or (byte)'+' or (byte)'-')
            position++;
        if (position == digits) throw Error("Invalid number");
        return new WireNumber(start, Encoding.ASCII.GetString(data[start..position]));
    }

    /// <summary>
    /// Member names seen before, shared: a message's names are few and recur in every message, so each is made into a
    /// string once, not once per member read. Bounded: past <see cref="MaxNames"/> names (a client can invent any
    /// number) new ones are read as any other string.
    /// </summary>
    static readonly ConcurrentDictionary<string, string> Names = new(StringComparer.Ordinal);
    static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> NamesBySpan =
        Names.GetAlternateLookup<ReadOnlySpan<char>>();
    const int MaxNames = 1024;
    static int sharedNames;
    const int MaxSharedName = 32;

    // A short ASCII name without escapes is looked up among the shared names; anything else is read as a string.
    string ReadName()
    {
        var end = data[(position + 1)..].IndexOfAny((byte)'"', (byte)'\\');
        if (end < 0 || end > MaxSharedName || data[position + 1 + end] != '"') return ReadTextString();
        var raw = data.Slice(position + 1, end);
        if (!Ascii.IsValid(raw)) return ReadTextString();
        Span<char> chars = stackalloc char[MaxSharedName];
        Ascii.ToUtf16(raw, chars, out var written);
        if (!NamesBySpan.TryGetValue(chars[..written], out var name))
        {
            name = new string(chars[..written]);
            if (Volatile.Read(ref sharedNames) < MaxNames && Names.TryAdd(name, name)) Interlocked.Increment(ref sharedNames);
        }
        position += end + 2;
        return name;
    }

    // Raw control characters are accepted inside strings: the reference wraps base64url with LF + spaces.
    string ReadTextString()
    {
        var start = position++;
        StringBuilder? builder = null; // only for strings with escapes
        var runStart = position;
        while (true)
        {
            var next = data[position..].IndexOfAny((byte)'"', (byte)'\\');
            if (next < 0) { position = start; throw Error("Unterminated string"); }
            position += next;
            if (data[position] == '"')
            {
                var run = Utf8(runStart, position);
                position++;
                return builder is null ? run : builder.Append(run).ToString();
            }
            builder ??= new StringBuilder();
            builder.Append(Utf8(runStart, position));
            position++;
            if (position >= data.Length) throw Error("Unterminated escape");
            var escape = (char)data[position++];
            switch (escape)
            {
                case '"': builder.Append('"'); break;
                case '\\': builder.Append('\\'); break;
                case '/': builder.Append('/'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u':
                    if (position + 4 > data.Length) throw Error("Truncated \\u escape");
                    var hex = Encoding.ASCII.GetString(data.Slice(position, 4));
                    if (!int.TryParse(hex, System.Globalization.NumberStyles.HexNumber, null, out var code))
                        throw Error($"Invalid \\u escape '{hex}'");
                    builder.Append((char)code);
                    position += 4;
                    break;
                default: position--; throw Error($"Invalid escape '\\{escape}'");
            }
            runStart = position;
        }
    }

    string Utf8(int from, int to)
    {
        try { return StrictUtf8.GetString(data[from..to]); }
        catch (DecoderFallbackException) { position = from; throw Error("Invalid UTF-8 in a string"); }
    }

    WireNode ReadBinaryToken(int start, bool allowName)
    {
        var tag = data[position++];
        var code = (byte)(tag & 0xFC);
        binarySeen = true;
        switch (code)
        {
            case JsonBCodes.StringFinal or JsonBCodes.StringChunk:
                return new WireString(start, Encoding.UTF8.GetString(ReadChunks(tag, JsonBCodes.StringFinal, JsonBCodes.StringChunk)));
            case JsonBCodes.BinaryFinal or JsonBCodes.BinaryChunk:
                return new WireBytes(start, ReadChunks(tag, JsonBCodes.BinaryFinal, JsonBCodes.BinaryChunk));
            case JsonBCodes.PositiveInteger:
                return new WireNumber(start, ReadLength(tag).ToString(System.Globalization.CultureInfo.InvariantCulture));
            case JsonBCodes.NegativeInteger:
                return new WireNumber(start, "-" + ReadLength(tag).ToString(System.Globalization.CultureInfo.InvariantCulture));
            case JsonBCodes.Tag when allowName:
                return new WireString(start, Encoding.UTF8.GetString(ReadBytes(ReadLength(tag))));
            case JsonBCodes.DictionaryIndex:
                var index = ReadLength(tag);
                if (dictionary is null) throw Error("JSON-C dictionary reference without a dictionary", start);
                if (index >= (ulong)dictionary.Count) throw Error($"JSON-C dictionary index {index} out of range", start);
                return new WireString(start, dictionary[(int)index]);
        }
        return tag switch
        {
            JsonBCodes.True => new WireBoolean(start, true),
            JsonBCodes.False => new WireBoolean(start, false),
            JsonBCodes.Null => new WireNull(start),
            _ => throw Error($"Unsupported JSON-B tag 0x{tag:X2}", start),
        };
    }

    byte[] ReadChunks(byte tag, byte final, byte chunk)
    {
        var buffer = new MemoryStream();
        while (true)
        {
            buffer.Write(ReadBytes(ReadLength(tag)));
            if ((tag & 0xFC) == final) return buffer.ToArray();
            if (position >= data.Length) throw Error("Unexpected end of input inside a chunked value");
            tag = data[position++];
            if ((tag & 0xFC) != final && (tag & 0xFC) != chunk) throw Error($"Expected a continuation chunk, found tag 0x{tag:X2}", position - 1);
        }
    }

    ulong ReadLength(byte tag)
    {
        var size = JsonBCodes.LengthSize(tag);
        if (position + size > data.Length) throw Error("Truncated JSON-B length");
        ulong value = 0;
        for (var i = 0; i < size; i++) value = (value << 8) | data[position++];
        return value;
    }

    byte[] ReadBytes(ulong count)
    {
        if (count > (ulong)(data.Length - position)) throw Error($"JSON-B length {count} runs past the end of the input");
        var bytes = data.Slice(position, (int)count).ToArray();
        position += (int)count;
        return bytes;
    }

    void SkipWhitespace()
    {
        // 0x1E is the reference's end-of-record mark; treat it as whitespace.
        while (position < data.Length && data[position] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or 0x1E) position++;
    }

    WireFormatException Error(string reason, int? at = null)
    {
        var offset = Math.Min(at ?? position, data.Length);
        int line = 1, column = 1;
        for (var i = 0; i < offset; i++)
        {
            if (data[i] == '\n') { line++; column = 1; }
            else column++;
        }
        return new WireFormatException(reason, offset, line, column);
    }
}
