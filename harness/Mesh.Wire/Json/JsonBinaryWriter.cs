using System.Globalization;
using System.Text;

namespace Mesh.Wire.Json;

/// <summary>
/// JSON-B and JSON-C (draft-hallambaker-jsonbcd, docs/reference-behaviour.md §E2). Objects and arrays keep the ASCII
/// brackets and drop ',' and ':'; scalars are tag bytes with big-endian lengths. JSON-C writes member
/// names as strings and replaces any string found in the shared dictionary by its index.
/// </summary>
public sealed class JsonBinaryWriter : IWireWriter
{
    readonly MemoryStream output = new();
    readonly IReadOnlyDictionary<string, int>? dictionary;
    readonly bool compact;

    /// <summary>A JSON-B writer.</summary>
    public JsonBinaryWriter() { }

    /// <summary>A JSON-C writer using <paramref name="dictionary"/>, shared with the reader out of band.</summary>
    public JsonBinaryWriter(IReadOnlyList<string> dictionary)
    {
        compact = true;
        this.dictionary = dictionary.Select((word, index) => (word, index))
            .GroupBy(p => p.word).ToDictionary(g => g.Key, g => g.First().index);
    }

    public void BeginObject() => output.WriteByte((byte)'{');
    public void EndObject() => output.WriteByte((byte)'}');
    public void BeginArray() => output.WriteByte((byte)'[');
    public void EndArray() => output.WriteByte((byte)']');

    public void Member(string name)
    {
        if (compact) WriteStringToken(name);
        else WriteChunk(JsonBCodes.Tag, Encoding.UTF8.GetBytes(name));
    }

    public void WriteString(string value)
    {
        if (compact) WriteStringToken(value);
        else WriteChunk(JsonBCodes.StringFinal, Encoding.UTF8.GetBytes(value));
    }

    public void WriteInteger(long value)
    {
        // Magnitude after the sign code; the negative code carries |value| (docs/reference-behaviour.md §E2.1).
        var magnitude = value < 0 ? (ulong)(-(value + 1)) + 1 : (ulong)value;
        WriteLengthTagged(value < 0 ? JsonBCodes.NegativeInteger : JsonBCodes.PositiveInteger, magnitude);
    }

    public void WriteBoolean(bool value) => output.WriteByte(value ? JsonBCodes.True : JsonBCodes.False);
    public void WriteNull() => output.WriteByte(JsonBCodes.Null);
    public void WriteBinary(ReadOnlySpan<byte> value) => WriteChunk(JsonBCodes.BinaryFinal, value);

    // The reference does not give dates a binary form: they stay as quoted text (docs/reference-behaviour.md §E2.2).
    public void WriteDateTime(DateTime value) =>
        output.Write(Encoding.ASCII.GetBytes("\"" + value.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "Z\""));

    public byte[] ToArray() => output.ToArray();

    void WriteStringToken(string value)
    {
        if (dictionary!.TryGetValue(value, out var index)) WriteLengthTagged(JsonBCodes.DictionaryIndex, (ulong)index);
        else WriteChunk(JsonBCodes.StringFinal, Encoding.UTF8.GetBytes(value));
    }

    // Strings carry their UTF-8 byte count (the reference wrote UTF-16 code units: a bug we do not copy).
    void WriteChunk(byte code, ReadOnlySpan<byte> bytes)
    {
        WriteLengthTagged(code, (ulong)bytes.Length);
        output.Write(bytes);
    }

    void WriteLengthTagged(byte code, ulong length)
    {
        var size = length < 0x100 ? 1 : length < 0x10000 ? 2 : length < 0x100000000 ? 4 : 8;
        output.WriteByte((byte)(code | JsonBCodes.LengthCode(size)));
        for (var i = size - 1; i >= 0; i--) output.WriteByte((byte)(length >> (8 * i)));
    }
}

/// <summary>Tag byte codes of JSON-B / JSON-C (docs/reference-behaviour.md §E2.1); the low two bits give the length size.</summary>
public static class JsonBCodes
{
    public const byte StringFinal = 0x80;
    public const byte StringChunk = 0x84;
    public const byte BinaryFinal = 0x88;
    public const byte BinaryChunk = 0x8C;
    public const byte PositiveInteger = 0xA0;
    public const byte NegativeInteger = 0xA8;
    public const byte True = 0xB0;
    public const byte False = 0xB1;
    public const byte Null = 0xB2;
    public const byte Tag = 0xB4;
    public const byte DictionaryIndex = 0xC0;

    public static byte LengthCode(int size) => size switch { 1 => 0, 2 => 1, 4 => 2, _ => 3 };
    public static int LengthSize(byte tag) => (tag & 3) switch { 0 => 1, 1 => 2, 2 => 4, _ => 8 };
}
