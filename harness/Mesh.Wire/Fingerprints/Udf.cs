using Mesh.Wire.Crypto;
using System.Security.Cryptography;
using System.Text;
using Mesh.Wire.Text;
using Org.BouncyCastle.Crypto.Digests;

namespace Mesh.Wire.Fingerprints;

/// <summary>
/// Uniform Data Fingerprints of the draft's generation (docs/reference-behaviour.md, part U): content digests, presentation at a
/// precision, keyed authenticators, and the UDFs of nonces, encryption keys, shares and key seeds.
/// </summary>
public static class Udf
{
    /// <summary>Default precision: 140 bits, 28 characters (docs/reference-behaviour.md §U3).</summary>
    public const int DefaultBits = 140;
    public const int MaximumBits = 440;
    /// <summary>A received UDF must agree with the computed one on at least this many bits (docs/reference-behaviour.md §U3).</summary>
    public const int MinimumMatchBits = 100;

    /// <summary>
    /// The content digest UDF of docs/reference-behaviour.md §U2: <c>H(content-type ':' H(data))</c>, prefixed by the type byte,
    /// with the "compressed" type when the digest ends in 20, 30, 40 or 50 zero bits (nothing is removed).
    /// </summary>
    public static string ContentDigest(ReadOnlySpan<byte> data, string contentType,
        int bits = DefaultBits, UdfDigest digest = UdfDigest.Sha2_512) =>
        Present(ContentDigestBinary(data, contentType, digest), bits);

    /// <summary>The 65-byte binary form: type byte then the outer digest.</summary>
    public static byte[] ContentDigestBinary(ReadOnlySpan<byte> data, string contentType, UdfDigest digest = UdfDigest.Sha2_512) =>
        DigestBinary(Hash(digest, data), contentType, digest);

    /// <summary>Like <see cref="ContentDigestBinary"/> but with the inner digest already given (or a raw value standing for it).</summary>
    public static byte[] DigestBinary(ReadOnlySpan<byte> inner, string contentType, UdfDigest digest = UdfDigest.Sha2_512)
    {
        var typeBytes = Encoding.UTF8.GetBytes(contentType);
        var buffer = new byte[typeBytes.Length + 1 + inner.Length];
        typeBytes.CopyTo(buffer, 0);
        buffer[typeBytes.Length] = (byte)':';
        inner.CopyTo(buffer.AsSpan(typeBytes.Length + 1));
        var outer = Hash(digest, buffer);
        var type = (byte)(digest == UdfDigest.Sha2_512 ? UdfType.DigestSha2 : UdfType.DigestSha3);
        var result = new byte[1 + outer.Length];
        result[0] = (byte)(type + CompressionLevel(outer));
        outer.CopyTo(result, 1);
        return result;
    }

    /// <summary>
    /// 0 to 4: trailing zero bits of the digest ≥ 20, 30, 40, 50 (docs/reference-behaviour.md §U2). The reference's 50-bit test is
    /// buggy; this one counts bits exactly.
    /// </summary>
    public static int CompressionLevel(ReadOnlySpan<byte> outer)
    {
        var zeros = 0;
        for (var i = outer.Length - 1; i >= 0 && zeros % 8 == 0; i--)
            zeros += outer[i] == 0 ? 8 : System.Numerics.BitOperations.TrailingZeroCount(outer[i]);
        return zeros >= 50 ? 4 : zeros >= 40 ? 3 : zeros >= 30 ? 2 : zeros >= 20 ? 1 : 0;
    }

    /// <summary>Presents a binary UDF at <paramref name="bits"/> precision (type byte included in the count), dashed.</summary>
    public static string Present(ReadOnlySpan<byte> binary, int bits = DefaultBits)
    {
        if (bits <= 0 || bits > binary.Length * 8) throw new ArgumentOutOfRangeException(nameof(bits), bits, "precision outside the value");
        var bytes = binary[..((bits + 7) / 8)];
        return Base32.Dashed(Base32.Encode(bytes, (bits + 4) / 5));
    }

    /// <summary>Presents the whole value: <c>8 × length</c> bits (nonce, encryption-key, share and seed UDFs).</summary>
    public static string PresentWhole(ReadOnlySpan<byte> binary) => Present(binary, binary.Length * 8);

    /// <summary>The binary form of a presented UDF (dashes, case and spaces ignored).</summary>
    public static byte[] Parse(string udf) => Base32.Decode(udf);

    /// <summary>
    /// Whether a received UDF matches an expected one: case- and dash-insensitive prefix agreement over
    /// at least <see cref="MinimumMatchBits"/> bits (docs/reference-behaviour.md §U3).
    /// </summary>
    public static bool Matches(string received, string expected)
    {
        static string Normal(string s) => new(s.Where(c => c != '-').Select(char.ToUpperInvariant).ToArray());
        var (a, b) = (Normal(received), Normal(expected));
        var common = Math.Min(a.Length, b.Length);
        return common * 5 >= MinimumMatchBits && string.CompareOrdinal(a, 0, b, 0, common) == 0;
    }

    /// <summary>The UDF of a symmetric encryption key: type 32 then the key, over its whole length.</summary>
    public static string EncryptionKey(ReadOnlySpan<byte> key) => PresentWhole(Prefixed(UdfType.EncryptionKey, key));

    /// <summary>A nonce UDF: type 104 then random bytes (default 132 bits of randomness, presented at 140 bits).</summary>
    public static string Nonce(IRandomSource random, int bits = DefaultBits)
    {
        var body = random.GetBytes((bits - 8 + 7) / 8);
        return Present(Prefixed(UdfType.Nonce, body), bits);
    }

    /// <summary>A share UDF: type 144 then the share bytes.</summary>
    public static string Share(ReadOnlySpan<byte> share) => PresentWhole(Prefixed(UdfType.Share, share));

    /// <summary>A key seed UDF: type 200, the algorithm specifier big-endian, then the seed bytes (docs/reference-behaviour.md §U6).</summary>
    public static string KeySeed(UdfKeyAlgorithm algorithm, ReadOnlySpan<byte> seed)
    {
        var body = new byte[2 + seed.Length];
        body[0] = (byte)((ushort)algorithm >> 8);
        body[1] = (byte)algorithm;
        seed.CopyTo(body.AsSpan(2));
        return PresentWhole(Prefixed(UdfType.KeySeed, body));
    }

    /// <summary>
    /// A keyed authenticator (docs/reference-behaviour.md §U4): HMAC-SHA-512 under a key derived from the key string by
    /// HKDF-SHA-512 (salt "KeyedUDFMaster", info "KeyedUDFExpand"), over <c>content-type ':' H(data)</c>.
    /// </summary>
    public static string Authenticator(string key, ReadOnlySpan<byte> data, string contentType, int bits = DefaultBits)
    {
        var macKey = HKDF.DeriveKey(HashAlgorithmName.SHA512, Encoding.UTF8.GetBytes(key), 64,
            Encoding.ASCII.GetBytes("KeyedUDFMaster"), Encoding.ASCII.GetBytes("KeyedUDFExpand"));
        var typeBytes = Encoding.UTF8.GetBytes(contentType);
        var message = typeBytes.Concat(new[] { (byte)':' }).Concat(SHA512.HashData(data)).ToArray();
        return Present(Prefixed(UdfType.AuthenticatorHmacSha2, HMACSHA512.HashData(macKey, message)), bits);
    }

    static byte[] Prefixed(UdfType type, ReadOnlySpan<byte> body)
    {
        var result = new byte[1 + body.Length];
        result[0] = (byte)type;
        body.CopyTo(result.AsSpan(1));
        return result;
    }

    /// <summary>SHA-2-512 or SHA-3-512 of <paramref name="data"/>.</summary>
    public static byte[] Hash(UdfDigest digest, ReadOnlySpan<byte> data)
    {
        if (digest == UdfDigest.Sha2_512) return SHA512.HashData(data);
        var sha3 = new Sha3Digest(512);
        sha3.BlockUpdate(data);
        var output = new byte[64];
        sha3.DoFinal(output, 0);
        return output;
    }
}
