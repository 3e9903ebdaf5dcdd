namespace Mesh.Wire.Text;

/// <summary>
/// Base64url (RFC 4648 §5) without padding, and the tolerant decoder of docs/reference-behaviour.md §E1.6/§E1.7:
/// both alphabets accepted, padding, line wraps and any other character outside the alphabets skipped.
/// </summary>
public static class Base64Url
{
    const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    static readonly sbyte[] Values = BuildValues();
    static readonly System.Buffers.SearchValues<char> UrlAlphabet = System.Buffers.SearchValues.Create(Alphabet);
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
        // Unbroken unpadded base64url (what most writers send) decodes in one vectorised step, the last two or three
        // characters here (handed to the vectorised decoder without padding, they took as long as all the others);
        // anything else the tolerant way.
        if (text.IndexOfAnyExcept(UrlAlphabet) < 0 && text.Length % 4 != 1)
        {
            var whole = text.Length & ~3;
            var blocks = whole / 4 * 3;
            var decoded = new byte[blocks + Math.Max(0, text.Length - whole - 1)];
            if (System.Buffers.Text.Base64Url.TryDecodeFromChars(text[..whole], decoded, out var written) && written == blocks &&
                DecodeTail(text[whole..], decoded.AsSpan(blocks)))
                return decoded;
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

    /// <summary>The final 2 or 3 characters of unpadded base64url into 1 or 2 bytes, the unused low bits dropped, as the tolerant decoder drops them.</summary>
    static bool DecodeTail(ReadOnlySpan<char> tail, Span<byte> output)
    {
        if (tail.IsEmpty) return true;
        var buffer = 0;
        foreach (var c in tail)
        {
            var value = c < 128 ? Values[c] : -1;
            if (value < 0) return false;
            buffer = (buffer << 6) | value;
        }
        if (tail.Length == 2) output[0] = (byte)(buffer >> 4);
        else (output[0], output[1]) = ((byte)(buffer >> 10), (byte)(buffer >> 2));
        return true;
    }

    /// <summary>True when every character is of the base64 or base64url alphabets, padding or whitespace.</summary>
    public static bool IsBinaryText(ReadOnlySpan<char> text) => text.IndexOfAnyExcept(BinaryText) < 0;
}
