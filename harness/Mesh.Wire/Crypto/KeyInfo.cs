namespace Mesh.Wire.Crypto;

/// <summary>
/// The SubjectPublicKeyInfo the reference builds to fingerprint a key (docs/reference-behaviour.md §U5). It is NOT the RFC 8410
/// form: the AlgorithmIdentifier carries an explicit NULL and the BIT STRING wraps an OCTET STRING.
/// <code>
/// alg  = 30 (len) 06 03 2B 65 &lt;70|71|6E|6F&gt; 05 00
/// key  = 04 &lt;len(pub)&gt; pub
/// bits = 03 &lt;len(key)+1&gt; 00 key
/// spki = 30 &lt;len(alg)+len(bits)&gt; alg bits
/// </code>
/// </summary>
public static class KeyInfo
{
    public const string ContentType = "application/x509-keyinfo";

    public static byte[] Encode(Curve curve, ReadOnlySpan<byte> publicKey)
    {
        byte[] algorithm = [0x30, 0x07, 0x06, 0x03, 0x2B, 0x65, curve.OidArc(), 0x05, 0x00];
        var key = new byte[2 + publicKey.Length];
        key[0] = 0x04;
        key[1] = (byte)publicKey.Length;
        publicKey.CopyTo(key.AsSpan(2));
        var bits = new byte[3 + key.Length];
        bits[0] = 0x03;
        bits[1] = (byte)(key.Length + 1);
        key.CopyTo(bits, 3);
        var body = algorithm.Concat(bits).ToArray();
        return [0x30, (byte)body.Length, .. body];
    }

    /// <summary>The key's UDF: SHA-2-512 content digest of the key info, 140 bits (used as <c>kid</c>).</summary>
    public static string Udf(Curve curve, ReadOnlySpan<byte> publicKey, int bits = Fingerprints.Udf.DefaultBits) =>
        Fingerprints.Udf.ContentDigest(Encode(curve, publicKey), ContentType, bits);
}
