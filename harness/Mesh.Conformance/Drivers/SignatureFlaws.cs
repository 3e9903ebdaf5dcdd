using System.Numerics;
using Mesh.Wire.Crypto;
using Mesh.Wire.Dare;
using Mesh.Wire.Objects;

namespace Mesh.Conformance.Drivers;

/// <summary>
/// Hostile variants of a signed envelope, in the style of Wycheproof's signature cases: each keeps everything but
/// one part of the first signature or of the digest it covers, so a verifier that skips that part accepts it.
/// Computed here from RFC 8032's constants, never with the service's verifier.
/// </summary>
public static class SignatureFlaws
{
    /// <summary>The Gherkin words of every flaw, as the scenarios name them.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        "a flipped bit in its signature", "its signature one byte short", "its signature one byte longer",
        "its signature's S raised by the group order", "a kid naming another key", "a kid of only 60 bits of its key's UDF",
        "a flipped bit in its PayloadDigest", "no PayloadDigest", "an Ed25519 signature under its kid",
    ];

    /// <summary>
    /// Another key on the other Edwards curve: its signature under the Ed448 key's <c>kid</c> must be judged by the curve
    /// of the key the <c>kid</c> names, never by the signature's length or its <c>alg</c>.
    /// </summary>
    static readonly KeyPair Ed25519Stranger = SeededKeys.Derive("signature-flaws", "ed25519-stranger", Curve.Ed25519);

    /// <summary>RFC 8032 §5.2: the order L of the Ed448 base point.</summary>
    static readonly BigInteger Ed448Order = BigInteger.Pow(2, 446) -
        BigInteger.Parse("13818066809895115352007386748515426880336692474882178609894547503885");

    /// <summary>A copy of <paramref name="signed"/> with <paramref name="flaw"/>; <paramref name="stranger"/> names the other key.</summary>
    public static DareEnvelope Apply(DareEnvelope signed, string flaw, KeyPair stranger)
    {
        var copy = DareEnvelope.Decode(signed.Encode());
        var trailer = copy.Trailer ?? throw new ArgumentException("the envelope is not signed", nameof(signed));
        var signature = trailer.Signatures?.FirstOrDefault() ?? throw new ArgumentException("the envelope has no signature", nameof(signed));
        var value = signature.SignatureValue!;
        switch (flaw)
        {
            case "a flipped bit in its signature": signature.SignatureValue = [.. value[..^1], (byte)(value[^1] ^ 0x01)]; break;
            case "its signature one byte short": signature.SignatureValue = value[..^1]; break;
            case "its signature one byte longer": signature.SignatureValue = [.. value, 0]; break;
            case "its signature's S raised by the group order": signature.SignatureValue = WithNonCanonicalS(value); break;
            case "a kid naming another key": signature.KeyIdentifier = stranger.Udf; break;
            case "a kid of only 60 bits of its key's UDF": signature.KeyIdentifier = Prefix(signature.KeyIdentifier!, 60); break;
            case "a flipped bit in its PayloadDigest": trailer.PayloadDigest = [(byte)(trailer.PayloadDigest![0] ^ 0x80), .. trailer.PayloadDigest[1..]]; break;
            case "no PayloadDigest": trailer.PayloadDigest = null; break;
            case "an Ed25519 signature under its kid": signature.SignatureValue = Ed25519Stranger.Sign(trailer.PayloadDigest!); break;
            default: throw new ArgumentException($"unknown signature flaw '{flaw}'; known: {string.Join(", ", All)}", nameof(flaw));
        }
        return copy;
    }

    /// <summary>
    /// The Ed448 identity point (0, 1) as RFC 8032 §5.2.2 encodes it: y = 1 little-endian, x even. A key of order 1.
    /// </summary>
    public static byte[] IdentityPoint() => [1, .. new byte[56]];

    /// <summary>The identity point as a profile's public key.</summary>
    public static PublicKey IdentityKey() => new()
    {
        UDF = KeyInfo.Udf(Curve.Ed448, IdentityPoint()),
        PublicParameters = new PublicKeyECDH { Curve = Curve.Ed448.Name(), Public = IdentityPoint() },
    };

    /// <summary>
    /// A signature by the identity key on any message: R = the identity and S = 0. The verification equation
    /// [S]B = R + [k]A holds for every message when A and R are both the identity, so only a verifier that refuses a
    /// public key of small order (as BouncyCastle and the reference do) refuses it; RFC 8032 §5.2.7 alone does not.
    /// </summary>
    public static DareEnvelope SignedByIdentityKey(DareEnvelope signed)
    {
        var copy = DareEnvelope.Decode(signed.Encode());
        var signature = copy.Trailer?.Signatures?.FirstOrDefault() ?? throw new ArgumentException("the envelope has no signature", nameof(signed));
        signature.KeyIdentifier = KeyInfo.Udf(Curve.Ed448, IdentityPoint());
        signature.SignatureValue = [.. IdentityPoint(), .. new byte[57]];
        return copy;
    }

    /// <summary>
    /// R || S+L: the same point equation holds ([S+L]B = [S]B), so only the check S &lt; L (RFC 8032 §5.2.7 step 1)
    /// refuses it. Ed448 signatures are 114 octets, S little-endian in the last 57.
    /// </summary>
    static byte[] WithNonCanonicalS(byte[] signature)
    {
        if (signature.Length != 114) throw new ArgumentException("not an Ed448 signature", nameof(signature));
        var s = new BigInteger(signature.AsSpan(57), isUnsigned: true) + Ed448Order;
        var raised = signature.ToArray();
        Array.Clear(raised, 57, 57);
        s.TryWriteBytes(raised.AsSpan(57), out _, isUnsigned: true);
        return raised;
    }

    /// <summary>The first <paramref name="bits"/> bits of a UDF's presentation (5 bits per character, dashes kept).</summary>
    static string Prefix(string udf, int bits)
    {
        var characters = 0;
        var end = 0;
        while (characters * 5 < bits && end < udf.Length)
            if (udf[end++] != '-') characters++;
        return udf[..end].TrimEnd('-');
    }
}
