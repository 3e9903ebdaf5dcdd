using System.Security.Cryptography;
using Mesh.Wire.Crypto;
using Mesh.Wire.Fingerprints;
using Mesh.Wire.Model;

namespace Mesh.Wire.Dare;

/// <summary>The outcome of a check: valid, or the reason it is not. Never a silent true.</summary>
public sealed record Verification(bool IsValid, string Reason)
{
    public static Verification Valid(string what) => new(true, what);
    public static Verification Invalid(string reason) => new(false, reason);
}

/// <summary>Finds the public key a <c>kid</c> names, or null when none is known.</summary>
public delegate (Curve Curve, byte[] PublicKey)? KeyResolver(string keyIdentifier);

/// <summary>
/// Checks and opens envelopes (docs/reference-behaviour.md §D4–§D5). The digest is computed over the payload bytes as carried,
/// never over a re-serialisation; each signature is verified with the key its <c>kid</c> names.
/// </summary>
public static class EnvelopeReader
{
    /// <summary>Whether <c>PayloadDigest</c> is the SHA-512 of the payload as carried.</summary>
    public static Verification VerifyDigest(DareEnvelope envelope)
    {
        if (envelope.Trailer?.PayloadDigest is not { } carried) return Verification.Invalid("no trailer PayloadDigest");
        if (envelope.Header.DigestAlgorithm is { } dig && !DareAlgorithms.IsSha2(dig) && dig != DareAlgorithms.Sha3)
            return Verification.Invalid($"unknown digest algorithm '{dig}'");
        var computed = envelope.Header.DigestAlgorithm == DareAlgorithms.Sha3
            ? Udf.Hash(UdfDigest.Sha3_512, envelope.Payload)
            : SHA512.HashData(envelope.Payload);
        return CryptographicOperations.FixedTimeEquals(computed, carried)
            ? Verification.Valid("PayloadDigest matches the payload")
            : Verification.Invalid("PayloadDigest does not match the digest of the payload as carried");
    }

    /// <summary>
    /// Verifies the digest and every signature of a signed envelope. Fails when the envelope is unsigned,
    /// when a <c>kid</c> names no known key, or when any signature does not verify.
    /// </summary>
    public static Verification VerifySignatures(DareEnvelope envelope, KeyResolver keys)
    {
        var signatures = envelope.Trailer?.Signatures;
        if (signatures is not { Count: > 0 }) return Verification.Invalid("envelope is not signed (no trailer signatures)");
        if (envelope.Header.DigestAlgorithm is null) return Verification.Invalid("signed envelope has no 'dig' in its header");
        var digest = VerifyDigest(envelope);
        if (!digest.IsValid) return digest;
        foreach (var signature in signatures)
        {
            if (signature.KeyIdentifier is not { } kid) return Verification.Invalid("signature has no kid");
            if (signature.SignatureValue is not { } value) return Verification.Invalid($"signature by {kid} has no value");
            if (keys(kid) is not var (curve, publicKey)) return Verification.Invalid($"no known key has UDF {kid}");
            if (!KeyInfo.Udf(curve, publicKey).Equals(kid, StringComparison.OrdinalIgnoreCase) &&
                !Udf.Matches(kid, KeyInfo.Udf(curve, publicKey, Udf.MaximumBits)))
                return Verification.Invalid($"kid {kid} is not the UDF of the key resolved for it");
            if (!Signatures.TryVerify(curve, publicKey, envelope.Trailer!.PayloadDigest, value, out var reason))
                return Verification.Invalid($"signature by {kid}: {reason}");
        }
        return Verification.Valid($"{signatures.Count} signature(s) verify over the PayloadDigest");
    }

    /// <summary>Decrypts for <paramref name="recipient"/>; throws <see cref="CryptographicException"/> saying why it cannot.</summary>
    public static byte[] Decrypt(DareEnvelope envelope, KeyPair recipient)
    {
        var header = envelope.Header;
        if (header.EncryptionAlgorithm is null) return envelope.Payload;
        if (header.EncryptionAlgorithm != DareAlgorithms.Aes256Cbc)
            throw new CryptographicException($"unsupported content encryption '{header.EncryptionAlgorithm}'");
        if (header.Salt is not { } salt) throw new CryptographicException("encrypted envelope has no Salt");
        var (key, iv) = EnvelopeWriter.ContentKeys(Master(header.Recipients ?? [], recipient), salt);
        return SymmetricCrypto.DecryptCbc(key, iv, envelope.Payload);
    }

    /// <summary>
    /// The master key from the entry whose <c>kid</c> names the recipient's key; failing that, from any entry on the
    /// key's curve that unwraps with it. A writer may name the key otherwise (another precision or form of
    /// identifier); RFC 3394's 64-bit integrity check refuses an entry wrapped for another key, so trying is safe.
    /// </summary>
    static byte[] Master(IReadOnlyList<DareRecipient> entries, KeyPair recipient)
    {
        if (entries.FirstOrDefault(r => r.KeyIdentifier is { } kid && Udf.Matches(kid, recipient.Udf)) is { } named) return UnwrapMaster(named, recipient);
        foreach (var entry in entries)
        {
            if (entry.EphemeralKey is not Objects.PublicKeyECDH { Curve: { } curve } || !Curves.TryParse(curve, out var onCurve) || onCurve != recipient.Curve) continue;
            try { return UnwrapMaster(entry, recipient); }
            catch (CryptographicException) { } // wrapped for another key
        }
        throw new CryptographicException($"envelope is not encrypted to {recipient.Udf}: no recipient entry names it or unwraps with it");
    }

    /// <summary>Recovers the master key from one recipient entry.</summary>
    public static byte[] UnwrapMaster(DareRecipient entry, KeyPair recipient)
    {
        if (entry.EphemeralKey is not Objects.PublicKeyECDH { Public: { } ephemeral } epk)
            throw new CryptographicException("recipient entry has no ephemeral key");
        if (Curves.Parse(epk.Curve) != recipient.Curve)
            throw new CryptographicException($"ephemeral key is on {epk.Curve}, the recipient key on {recipient.Curve}");
        if (entry.WrappedMasterKey is not { } wrapped) throw new CryptographicException("recipient entry has no wmk");
        var agreement = recipient.Agree(ephemeral);
        try { return SymmetricCrypto.UnwrapKey(EnvelopeWriter.KeyEncryptionKey(agreement), wrapped); }
        catch (CryptographicException)
        {
            // The author's regenerations after 2020-03 derive some KEKs with an empty HKDF info (docs/wire.md A-W7).
            // RFC 3394's 64-bit integrity check makes the second try safe: a wrong KEK still fails.
            return SymmetricCrypto.UnwrapKey(EnvelopeWriter.KeyEncryptionKey(agreement, []), wrapped);
        }
    }

    /// <summary>The decoded ContentMetaData of the header, or null.</summary>
    public static ContentMeta? Meta(DareEnvelope envelope) =>
        envelope.Header.ContentMetaData is { } meta ? WireSerializer.DecodeUntagged<ContentMeta>(meta) : null;

    /// <summary>
    /// As <see cref="Meta"/>, but null when the metadata does not decode: stored and received entries are not trusted
    /// to be well formed, and one bad entry must not stop a search through a container.
    /// </summary>
    public static ContentMeta? TryMeta(DareEnvelope envelope) => TryMeta(envelope.Header.ContentMetaData);

    /// <summary>ContentMetaData bytes decoded, or null when there are none or they do not decode.</summary>
    public static ContentMeta? TryMeta(byte[]? contentMetaData)
    {
        if (contentMetaData is null) return null;
        try { return WireSerializer.DecodeUntagged<ContentMeta>(contentMetaData); }
        catch (Json.WireFormatException) { return null; }
    }

    /// <summary>The payload decoded as a tagged message of type <typeparamref name="T"/>.</summary>
    public static T Payload<T>(DareEnvelope envelope) where T : WireRecord => WireSerializer.Decode<T>(envelope.Payload);
}
