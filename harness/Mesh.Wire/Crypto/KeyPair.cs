using System.Security.Cryptography;
using Mesh.Wire.Objects;
using Org.BouncyCastle.Math.EC.Rfc7748;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace Mesh.Wire.Crypto;

/// <summary>
/// A private key on one of the four curves with its public key and UDF. Signatures follow the reference
/// (docs/reference-behaviour.md §D4): Ed448 pure with an empty context, Ed25519 always with the dom2 prefix and an empty context.
/// Agreement is RFC 7748 for X25519/X448 and the reference's Edwards-curve DH for Ed25519/Ed448 (docs/reference-behaviour.md §D5).
/// </summary>
public sealed class KeyPair
{
    KeyPair(Curve curve, byte[] privateKey, byte[] publicKey)
    {
        Curve = curve;
        PrivateKey = privateKey;
        PublicKey = publicKey;
        Udf = KeyInfo.Udf(curve, publicKey);
    }

    public Curve Curve { get; }
    /// <summary>The RFC 8032 seed (any length for Ed448) or the RFC 7748 scalar.</summary>
    public byte[] PrivateKey { get; }
    public byte[] PublicKey { get; }
    /// <summary>The key's UDF, used as <c>kid</c>.</summary>
    public string Udf { get; }

    public static KeyPair FromPrivateKey(Curve curve, byte[] privateKey)
    {
        var publicKey = new byte[curve.PublicKeyLength()];
        switch (curve)
        {
            case Curve.Ed25519: RequireLength(privateKey, 32); Ed25519.GeneratePublicKey(privateKey, 0, publicKey, 0); break;
            case Curve.Ed448 when privateKey.Length == Ed448.SecretKeySize: Ed448.GeneratePublicKey(privateKey, 0, publicKey, 0); break;
            case Curve.Ed448: publicKey = EdwardsCurve.Ed448.PublicKey(privateKey); break;
            case Curve.X25519: RequireLength(privateKey, 32); X25519.ScalarMultBase(privateKey, 0, publicKey, 0); break;
            case Curve.X448: RequireLength(privateKey, 56); X448.ScalarMultBase(privateKey, 0, publicKey, 0); break;
        }
        return new KeyPair(curve, privateKey, publicKey);
    }

    /// <summary>A fresh key whose every byte comes from <paramref name="random"/>.</summary>
    public static KeyPair Generate(Curve curve, IRandomSource random) =>
        FromPrivateKey(curve, random.GetBytes(curve == Curve.Ed448 ? Ed448.SecretKeySize : curve.DerivedPrivateLength()));

    /// <summary>The key a seed UDF derives on <paramref name="curve"/> (docs/reference-behaviour.md §U7).</summary>
    public static KeyPair FromSeedUdf(string seedUdf, Curve curve) =>
        FromPrivateKey(curve, KeyDerivation.DerivePrivateKey(seedUdf, curve));

    public byte[] Sign(ReadOnlySpan<byte> message)
    {
        switch (Curve)
        {
            case Curve.Ed448 when PrivateKey.Length == Ed448.SecretKeySize:
                var signature = new byte[Ed448.SignatureSize];
                // Given the stored public key, BouncyCastle does not recompute it for every signature.
                Ed448.Sign(PrivateKey, 0, PublicKey, 0, [], message.ToArray(), 0, message.Length, signature, 0);
                return signature;
            case Curve.Ed448:
                // Our own arithmetic (BouncyCastle takes only 57-byte seeds), given the stored public key.
                return EdwardsCurve.Ed448.Sign(PrivateKey, PublicKey, message, []);
            case Curve.Ed25519:
                // A non-null empty context makes BouncyCastle prepend dom2, as the reference does (docs/reference-behaviour.md §D4).
                var ed25519 = new byte[Ed25519.SignatureSize];
                Ed25519.Sign(PrivateKey, 0, PublicKey, 0, [], message.ToArray(), 0, message.Length, ed25519, 0);
                return ed25519;
            default:
                throw new InvalidOperationException($"{Curve} keys do not sign");
        }
    }

    /// <summary>The shared secret with a peer's public key on the same curve.</summary>
    public byte[] Agree(ReadOnlySpan<byte> peerPublicKey)
    {
        switch (Curve)
        {
            case Curve.X25519:
            case Curve.X448:
                RequireLength(peerPublicKey.ToArray(), Curve.PublicKeyLength());
                var secret = new byte[Curve.PublicKeyLength()];
                var ok = Curve == Curve.X25519
                    ? X25519.CalculateAgreement(PrivateKey, 0, peerPublicKey.ToArray(), 0, secret, 0)
                    : X448.CalculateAgreement(PrivateKey, 0, peerPublicKey.ToArray(), 0, secret, 0);
                return ok ? secret : throw new CryptographicException("Key agreement gave the all-zero value (low-order point)");
            case Curve.Ed25519:
                return EdwardsCurve.Ed25519.Agree(PrivateKey, peerPublicKey);
            default:
                return EdwardsCurve.Ed448.Agree(PrivateKey, peerPublicKey);
        }
    }

    public PublicKeyECDH PublicParameters() => new() { Curve = Curve.Name(), Public = PublicKey };

    /// <summary>The Mesh <c>PublicKey</c> structure: UDF and parameters.</summary>
    public PublicKey ToPublicKey() => new() { UDF = Udf, PublicParameters = PublicParameters() };

    static void RequireLength(byte[] key, int length)
    {
        if (key.Length != length) throw new ArgumentException($"Expected a {length}-byte key, got {key.Length} bytes");
    }
}

/// <summary>Signature verification that says why it failed, never a silent true.</summary>
public static class Signatures
{
    public static bool Verify(Curve curve, ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) =>
        TryVerify(curve, publicKey, message, signature, out _);

    public static bool TryVerify(Curve curve, ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message,
        ReadOnlySpan<byte> signature, out string reason)
    {
        reason = "";
        if (!curve.IsSignature()) { reason = $"{curve} is not a signature curve"; return false; }
        if (publicKey.Length != curve.PublicKeyLength()) { reason = $"{curve} public key must be {curve.PublicKeyLength()} bytes, got {publicKey.Length}"; return false; }
        var expected = curve == Curve.Ed448 ? Ed448.SignatureSize : Ed25519.SignatureSize;
        if (signature.Length != expected) { reason = $"{curve} signature must be {expected} bytes, got {signature.Length}"; return false; }
        var valid = curve == Curve.Ed448
            ? Ed448.Verify(signature.ToArray(), 0, publicKey.ToArray(), 0, [], message.ToArray(), 0, message.Length)
            : Ed25519.Verify(signature.ToArray(), 0, publicKey.ToArray(), 0, [], message.ToArray(), 0, message.Length);
        if (!valid) reason = curve == Curve.Ed448
            ? "Ed448 signature (pure, empty context) does not verify"
            : "Ed25519 signature (dom2 prefix, empty context) does not verify";
        return valid;
    }
}
