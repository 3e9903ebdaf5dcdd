namespace Mesh.Wire.Text;

/// <summary>
/// RFC 4648 Base32 (alphabet A–Z 2–7, MSB first, no padding) as UDF presentation uses it (docs/reference-behaviour.md §U3).
/// </summary>
public static class Base32
{
    const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>Encodes the first <paramref name="characters"/> characters; a final partial group is zero-filled.</summary>
    public static string Encode(ReadOnlySpan<byte> data, int characters)
    {
        var result = new char[characters];
        for (var i = 0; i < characters; i++)
        {
            var bit = i * 5;
            var value = 0;
            for (var b = 0; b < 5; b++)
            {
                var index = bit + b;
                var set = index / 8 < data.Length && (data[index / 8] & (0x80 >> (index % 8))) != 0;
                value = (value << 1) | (set ? 1 : 0);
            }
            result[i] = Alphabet[value];
        }
        return new string(result);
    }

    /// <summary>
    /// Decodes tolerantly, as the reference does: case-insensitive, every character outside the alphabet
    /// (dashes, spaces) skipped, trailing bits that do not fill a byte discarded.
    /// </summary>
    public static byte[] Decode(string text)
    {
        var bytes = new List<byte>(text.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in text)
        {
            var value = Alphabet.IndexOf(char.ToUpperInvariant(c));
            if (value < 0) continue;
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }
        return bytes.ToArray();
    }

    /// <summary>Groups characters by four with dashes: <c>MDDK-7N6A-…</c>; the last group may be shorter.</summary>
    public static string Dashed(string characters)
    {
        var builder = new System.Text.StringBuilder(characters.Length + characters.Length / 4);
        for (var i = 0; i < characters.Length; i++)
        {
            if (i > 0 && i % 4 == 0) builder.Append('-');
            builder.Append(characters[i]);
        }
        return builder.ToString();
    }
}
