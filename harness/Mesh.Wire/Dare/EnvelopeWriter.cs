using System.Security.Cryptography;
using System.Text;
using Mesh.Wire.Crypto;
using Mesh.Wire.Json;
using Mesh.Wire.Model;

namespace Mesh.Wire.Dare;

/// <summary>A recipient of an encrypted envelope: a public key on X25519, X448, Ed25519 or Ed448.</summary>
public sealed record EnvelopeRecipient(Curve Curve, byte[] PublicKey)
{
    public string Udf => KeyInfo.Udf(Curve, PublicKey);
    public static EnvelopeRecipient Of(KeyPair key) => new(key.Curve, key.PublicKey);
}

/// <summary>
/// Builds envelopes the way the reference does (docs/reference-behaviour.md §D4–§D5): PayloadDigest = SHA-512 of the payload as
/// carried; the signature is EdDSA over that 64-byte digest; encryption wraps a random master key per
/// recipient under HKDF-SHA-512(agreement, "master") and derives the content key and IV from the master
/// key and the header Salt with HKDF-SHA-256. Every random byte comes from the given source.
/// </summary>
public sealed class EnvelopeWriter(IRandomSource random)
{
    static readonly byte[] MasterInfo = Encoding.ASCII.GetBytes("master");
    static readonly byte[] EncryptInfo = Encoding.ASCII.GetBytes("encrypt");
    static readonly byte[] IvInfo = Encoding.ASCII.GetBytes("iv");

    /// <summary>A plain envelope: header <c>{}</c> (or the content metadata only), no trailer.</summary>
    public static DareEnvelope Plain(byte[] payload, ContentMeta? meta = null) =>
        new() { Header = new DareHeader { ContentMetaData = EncodeMeta(meta) }, Payload = payload };

    /// <summary>A signed envelope: header <c>{"dig": "SHA2"}</c>, trailer with signatures and the digest.</summary>
    public static DareEnvelope Signed(byte[] payload, KeyPair signer, ContentMeta? meta = null) =>
        Signed(payload, [signer], meta);

    public static DareEnvelope Signed(byte[] payload, IReadOnlyList<KeyPair> signers, ContentMeta? meta = null)
    {
        var digest = SHA512.HashData(payload);
        return new DareEnvelope
        {
            Header = new DareHeader { DigestAlgorithm = DareAlgorithms.Sha2, ContentMetaData = EncodeMeta(meta) },
            Payload = payload,
            Trailer = new DareTrailer
            {
                Signatures = signers.Select(s => Signature(s, digest, witness: null)).ToList(),
                PayloadDigest = digest,
            },
        };
    }

    /// <summary>An encrypted envelope (AES-256-CBC), optionally signed over the ciphertext with a witness.</summary>
    public DareEnvelope Encrypted(byte[] plaintext, IReadOnlyList<EnvelopeRecipient> recipients,
        KeyPair? signer = null, ContentMeta? meta = null)
    {
        if (recipients.Count == 0) throw new ArgumentException("An encrypted envelope needs at least one recipient");
        var master = random.GetBytes(32);
        var salt = random.GetBytes(16);
        var header = new DareHeader
        {
            EncryptionAlgorithm = DareAlgorithms.Aes256Cbc,
            DigestAlgorithm = signer is null ? null : DareAlgorithms.Sha2,
            Salt = salt,
            Recipients = recipients.Select(r => Recipient(r, master)).ToList(),
            ContentMetaData = EncodeMeta(meta),
        };
        var (key, iv) = ContentKeys(master, salt);
        var ciphertext = SymmetricCrypto.EncryptCbc(key, iv, plaintext);
        if (signer is null) return new DareEnvelope { Header = header, Payload = ciphertext };
        var digest = SHA512.HashData(ciphertext);
        return new DareEnvelope
        {
            Header = header,
            Payload = ciphertext,
            Trailer = new DareTrailer
            {
                Signatures = [Signature(signer, digest, witnessMaster: master, salt: salt)],
                PayloadDigest = digest,
            },
        };
    }

    /// <summary>Content key and IV: HKDF-SHA-256(master, Salt) with info "encrypt" (32 bytes) and "iv" (16 bytes).</summary>
    public static (byte[] Key, byte[] Iv) ContentKeys(byte[] master, byte[] salt) =>
        (SymmetricCrypto.Hkdf(HashAlgorithmName.SHA256, master, salt, EncryptInfo, 32),
         SymmetricCrypto.Hkdf(HashAlgorithmName.SHA256, master, salt, IvInfo, 16));

    /// <summary>The key-encryption key: HKDF-SHA-512(agreement, no salt, info "master"), 32 bytes.</summary>
    public static byte[] KeyEncryptionKey(byte[] agreement) => KeyEncryptionKey(agreement, MasterInfo);

    /// <summary>HKDF-SHA-512(agreement, no salt, <paramref name="info"/>), 32 bytes; later regenerations also use an empty info (docs/wire.md A-W7).</summary>
    public static byte[] KeyEncryptionKey(byte[] agreement, ReadOnlySpan<byte> info) =>
        SymmetricCrypto.Hkdf(HashAlgorithmName.SHA512, agreement, [], info, 32);

    /// <summary>The witness of a signed and encrypted envelope: HKDF-SHA-256(master, Salt, info = signature), 32 bytes.</summary>
    public static byte[] Witness(byte[] master, byte[] salt, byte[] signature) =>
        SymmetricCrypto.Hkdf(HashAlgorithmName.SHA256, master, salt, signature, 32);

    DareRecipient Recipient(EnvelopeRecipient recipient, byte[] master)
    {
        var ephemeral = KeyPair.Generate(recipient.Curve, random);
        var kek = KeyEncryptionKey(ephemeral.Agree(recipient.PublicKey));
        return new DareRecipient
        {
            KeyIdentifier = recipient.Udf,
            EphemeralKey = ephemeral.PublicParameters(),
            WrappedMasterKey = SymmetricCrypto.WrapKey(kek, master),
        };
    }

    static DareSignature Signature(KeyPair signer, byte[] digest, byte[]? witness) => new()
    {
        Algorithm = DareAlgorithms.Sha2,
        KeyIdentifier = signer.Udf,
        SignatureValue = signer.Sign(digest),
        WitnessValue = witness,
    };

    static DareSignature Signature(KeyPair signer, byte[] digest, byte[] witnessMaster, byte[] salt)
    {
        var signature = Signature(signer, digest, witness: null);
        signature.WitnessValue = Witness(witnessMaster, salt, signature.SignatureValue!);
        return signature;
    }

    /// <summary>ContentMetaData is the untagged JSON text of a ContentMeta (docs/reference-behaviour.md §D2).</summary>
    static byte[]? EncodeMeta(ContentMeta? meta) =>
        meta is null ? null : WireSerializer.EncodeUntagged(meta, WireEncoding.Json);
}
