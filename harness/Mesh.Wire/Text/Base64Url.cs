namespace Mesh.Wire.Text;

/// <summary>
/// Base64url (RFC 4648 §5) without padding, and the tolerant decoder of docs/reference-behaviour.md §E1.6/§E1.7:
/// both alphabets accepted, padding, line wraps and any other character outside the alphabets skipped.
/// </summary>
public static class Base64Url
{
    const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    static readonly sbyte[] Values = BuildValues();
    static readonly System.Buffers.SearchValues<char> BinaryText = System.Buffers.SearchValues.Create(Alphabet + "+/= \n\r\t");

    static sbyte[] BuildValues()
    {
        var values = new sbyte[128];
        Array.Fill(values, (sbyte)-1);
        for (var i = 0; i < Alphabet.Length; i++) values[Alphabet[i]] = (sbyte)i;
        values['+'] = 62;
        values['/'] = 63;
        return values;
    }

    public static string Encode(ReadOnlySpan<byte> data) => System.Buffers.Text.Base64Url.EncodeToString(data);

    public static byte[] Decode(ReadOnlySpan<char> text)
    {
        // Unbroken base64url (what most writers send) decodes in one vectorised step; anything else the tolerant way.
        if (text.IndexOfAny('+', '/') < 0)
        {
            var decoded = new byte[System.Buffers.Text.Base64Url.GetMaxDecodedLength(text.Length)];
            if (System.Buffers.Text.Base64Url.TryDecodeFromChars(text, decoded, out var written))
                return written == decoded.Length ? decoded : decoded[..written];
        }
        var output = new byte[text.Length * 3 / 4 + 3];
        int count = 0, buffer = 0, bits = 0;
        foreach (var c in text)
        {
            var value = c < 128 ? Values[c] : -1;
            if (value < 0) continue;
            buffer = (buffer << 6) | value;
            bits += 6;
            if (bits >= 8)
            {
                bits -= 8;
                output[count++] = (byte)(buffer >> bits);
                buffer &= (1 << bits) - 1;
            }
        }
        return output.AsSpan(0, count).ToArray();
    }

    /// <summary>True when every character is of the base64 or base64url alphabets, padding or whitespace.</summary>
    public static bool IsBinaryText(ReadOnlySpan<char> text) => text.IndexOfAnyExcept(BinaryText) < 0;
}
