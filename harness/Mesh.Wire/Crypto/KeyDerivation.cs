using System.Security.Cryptography;
using Mesh.Wire.Fingerprints;

namespace Mesh.Wire.Crypto;

/// <summary>
/// Deterministic keys from type-200 seed UDFs, as the 2020-03 generation derives them (docs/reference-behaviour.md §U7):
/// <code>
/// raw  = Base32-decode(udf)          type byte 0xC8 first
/// IKM  = raw[1:]                      includes the 2-byte specifier
/// salt = raw[1:3]                     the specifier itself
/// PRK  = HMAC-SHA-512(salt, IKM)
/// OKM  = HKDF-Expand-SHA-512(PRK, info = empty, L)    L = 32 (25519 curves) or 56 (448 curves)
/// </code>
/// </summary>
public static class KeyDerivation
{
    public static byte[] DerivePrivateKey(string seedUdf, Curve curve)
    {
        var (prk, _) = Extract(seedUdf);
        return HKDF.Expand(HashAlgorithmName.SHA512, prk, curve.DerivedPrivateLength(), []);
    }

    /// <summary>The pseudo-random key and the IKM of a seed UDF (the intermediate values of UDFDeriveCFRG.md).</summary>
    public static (byte[] Prk, byte[] Ikm) Extract(string seedUdf)
    {
        var raw = Udf.Parse(seedUdf);
        if (raw.Length < 3 || raw[0] != (byte)UdfType.KeySeed)
            throw new ArgumentException($"'{seedUdf}' is not a key seed UDF (type byte 0xC8)");
        var ikm = raw[1..];
        return (HMACSHA512.HashData(raw[1..3], ikm), ikm);
    }

    /// <summary>The algorithm specifier of a seed UDF.</summary>
    public static UdfKeyAlgorithm Algorithm(string seedUdf)
    {
        var raw = Udf.Parse(seedUdf);
        return (UdfKeyAlgorithm)((raw[1] << 8) | raw[2]);
    }
}
