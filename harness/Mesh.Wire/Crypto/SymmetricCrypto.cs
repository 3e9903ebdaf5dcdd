using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;

namespace Mesh.Wire.Crypto;

/// <summary>The symmetric primitives of DARE (docs/reference-behaviour.md §D5): HKDF, RFC 3394 key wrap, AES-256-CBC.</summary>
public static class SymmetricCrypto
{
    /// <summary>HKDF (RFC 5869); an empty salt means a block of zeros, as the RFC says.</summary>
    public static byte[] Hkdf(HashAlgorithmName hash, ReadOnlySpan<byte> ikm, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> info, int length)
    {
        var output = new byte[length];
        HKDF.DeriveKey(hash, ikm, output, salt, info);
        return output;
    }

    /// <summary>RFC 3394 AES key wrap.</summary>
    public static byte[] WrapKey(ReadOnlySpan<byte> kek, ReadOnlySpan<byte> key)
    {
        var engine = new Rfc3394WrapEngine(new AesEngine());
        engine.Init(true, new KeyParameter(kek.ToArray()));
        return engine.Wrap(key.ToArray(), 0, key.Length);
    }

    /// <summary>RFC 3394 AES key unwrap; throws <see cref="CryptographicException"/> when the integrity check fails.</summary>
    public static byte[] UnwrapKey(ReadOnlySpan<byte> kek, ReadOnlySpan<byte> wrapped)
    {
        var engine = new Rfc3394WrapEngine(new AesEngine());
        engine.Init(false, new KeyParameter(kek.ToArray()));
        try { return engine.Unwrap(wrapped.ToArray(), 0, wrapped.Length); }
        catch (Org.BouncyCastle.Crypto.InvalidCipherTextException e) { throw new CryptographicException("Key unwrap failed: " + e.Message, e); }
    }

    public static byte[] EncryptCbc(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> plaintext)
    {
        using var aes = Aes.Create();
        aes.Key = key.ToArray();
        return aes.EncryptCbc(plaintext, iv, PaddingMode.PKCS7);
    }

    public static byte[] DecryptCbc(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> ciphertext)
    {
        using var aes = Aes.Create();
        aes.Key = key.ToArray();
        return aes.DecryptCbc(ciphertext, iv, PaddingMode.PKCS7);
    }
}
