using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Mesh.Wire.Crypto;
using Mesh.Wire.Dare;
using Mesh.Wire.Json;
using Mesh.Wire.Model;
using Mesh.Wire.Objects;

namespace Mesh.Conformance.ReferenceVectors;

/// <summary>
/// ExamplesDAREMessage.md (docs/reference-behaviour.md §D4–§D5): the key schedule of the encrypted example from its printed
/// intermediate values, the decryption of both encrypted envelopes with Alice's key, the Ed25519ctx
/// signature of the signed envelope, and the witness of the signed and encrypted one.
/// </summary>
public static partial class DareVectorChecks
{
    public static void Run(VectorSet set, CheckLog log) => set.With("ExamplesDAREMessage.md", example => Check(example, log), log);

    static void Check(MarkdownExample example, CheckLog log)
    {
        var file = example.Name;
        var hex = example.HexBlocks().ToList();
        if (hex.Count < 8) throw new FormatException($"expected 8 octet blocks (master, agreement, KEK, wmk, salt, key, IV, ciphertext), found {hex.Count}");
        var (master, agreement, kek, wmk, salt, key, iv, ciphertext) = (hex[0], hex[1], hex[2], hex[3], hex[4], hex[5], hex[6], hex[7]);
        var plaintext = Encoding.UTF8.GetBytes(PlaintextRow().Match(example.Text) is { Success: true } m
            ? m.Groups[1].Value : throw new FormatException("test message body not found"));

        log.Equal(file, "KEK = HKDF-SHA-512(IKM = agreement, no salt, info 'master'), 32 bytes", kek, EnvelopeWriter.KeyEncryptionKey(agreement));
        log.Equal(file, "wmk = RFC 3394 AES-256 key wrap of the master key under the KEK", wmk, SymmetricCrypto.WrapKey(kek, master));
        var (contentKey, contentIv) = EnvelopeWriter.ContentKeys(master, salt);
        log.Equal(file, "content key = HKDF-SHA-256(master, Salt, 'encrypt')", key, contentKey);
        log.Equal(file, "IV = HKDF-SHA-256(master, Salt, 'iv')", iv, contentIv);
        log.Equal(file, "AES-256-CBC/PKCS7 decryption of the printed ciphertext gives the test message",
            plaintext, SymmetricCrypto.DecryptCbc(key, iv, ciphertext));

        var privateKeys = example.Blocks.Where(b => b.Contains("\"PrivateKeyECDH\"")).Select(PrivateKey).ToList();
        if (privateKeys.Count < 2) throw new FormatException($"expected Alice's encryption and signature keys, found {privateKeys.Count}");
        // The third printed key (the "ephemeral" one) does not give the envelope's epk: the generator printed
        // another run's key. The agreement is checked from Alice's side, with the epk the envelope carries.
        var (encryptionKey, signatureKey) = (privateKeys[0], privateKeys[1]);
        var envelopes = example.Blocks.Where(b => b.Contains("\"DareEnvelope\"")).Select(b => DareEnvelope.Decode(Encoding.UTF8.GetBytes(b))).ToList();

        // Each envelope is checked on its own: one that cannot be opened must not hide what the others show.
        log.Guard(file, "encrypted envelope: checks ran", () => CheckEncrypted(file, envelopes, encryptionKey, agreement, master, ciphertext, plaintext, log));
        log.Guard(file, "signed envelope: checks ran", () => CheckSigned(file, envelopes, signatureKey, plaintext, log));
        log.Guard(file, "signed and encrypted envelope: checks ran", () => CheckSignedEncrypted(file, envelopes, encryptionKey, signatureKey, plaintext, log));
    }

    static void CheckEncrypted(string file, List<DareEnvelope> envelopes, KeyPair encryptionKey, byte[] agreement, byte[] master,
        byte[] ciphertext, byte[] plaintext, CheckLog log)
    {
        var encrypted = envelopes.First(e => e.Header.EncryptionAlgorithm is not null && e.Trailer is null);
        var epk = (PublicKeyECDH)encrypted.Header.Recipients![0].EphemeralKey!;
        log.Equal(file, "recipient kid == UDF(Alice's encryption key)", encrypted.Header.Recipients[0].KeyIdentifier ?? "", encryptionKey.Udf);
        log.Equal(file, $"{encryptionKey.Curve} agreement (Edwards-curve DH, RFC 8032 point encoding) == printed agreement value",
            agreement, encryptionKey.Agree(epk.Public!));
        log.Equal(file, "encrypted envelope: Alice's key unwraps the master key", master, EnvelopeReader.UnwrapMaster(encrypted.Header.Recipients[0], encryptionKey));
        log.Equal(file, "encrypted envelope: payload == printed ciphertext", ciphertext, encrypted.Payload);
        log.Equal(file, "encrypted envelope: decrypts to the test message", plaintext, EnvelopeReader.Decrypt(encrypted, encryptionKey));
    }

    static void CheckSigned(string file, List<DareEnvelope> envelopes, KeyPair signatureKey, byte[] plaintext, CheckLog log)
    {
        var signedOnly = envelopes.First(e => e.Header.EncryptionAlgorithm is null && e.Trailer is not null);
        var signature = signedOnly.Trailer!.Signatures![0];
        log.Equal(file, "signer kid == UDF(Ed25519 public key from Alice's signature seed)", signature.KeyIdentifier ?? "", signatureKey.Udf);
        log.Equal(file, "signed envelope: PayloadDigest == SHA-512(body)", SHA512.HashData(plaintext), signedOnly.Trailer.PayloadDigest ?? []);
        log.Equal(file, "signed envelope: signature == Ed25519ctx (dom2, empty context) over the PayloadDigest, recomputed",
            signature.SignatureValue ?? [], signatureKey.Sign(signedOnly.Trailer.PayloadDigest!));
        var verification = EnvelopeReader.VerifySignatures(signedOnly, Resolver(signatureKey));
        log.Claim(file, "signed envelope: signatures verify", verification.IsValid, verification.Reason);
        log.Claim(file, "signed envelope: the same signature does NOT verify as plain RFC 8032 Ed25519 (expected)",
            !EdwardsCurve.Ed25519.Verify(signatureKey.PublicKey, signedOnly.Trailer.PayloadDigest!, signature.SignatureValue!, null));
    }

    static void CheckSignedEncrypted(string file, List<DareEnvelope> envelopes, KeyPair encryptionKey, KeyPair signatureKey,
        byte[] plaintext, CheckLog log)
    {
        var signedEncrypted = envelopes.First(e => e.Header.EncryptionAlgorithm is not null && e.Trailer is not null);
        log.Claim(file, "signed and encrypted envelope: PayloadDigest == SHA-512(ciphertext)",
            EnvelopeReader.VerifyDigest(signedEncrypted).IsValid, EnvelopeReader.VerifyDigest(signedEncrypted).Reason);
        var both = EnvelopeReader.VerifySignatures(signedEncrypted, Resolver(signatureKey));
        log.Claim(file, "signed and encrypted envelope: signature over the ciphertext digest verifies", both.IsValid, both.Reason);
        log.Equal(file, "signed and encrypted envelope: decrypts to the test message", plaintext, EnvelopeReader.Decrypt(signedEncrypted, encryptionKey));
        var innerMaster = EnvelopeReader.UnwrapMaster(signedEncrypted.Header.Recipients![0], encryptionKey);
        var signed = signedEncrypted.Trailer!.Signatures![0];
        log.Equal(file, "signed and encrypted envelope: witness == HKDF-SHA-256(master, Salt, info = signature)",
            signed.WitnessValue ?? [], EnvelopeWriter.Witness(innerMaster, signedEncrypted.Header.Salt!, signed.SignatureValue!));
    }

    static KeyResolver Resolver(KeyPair key) => kid => kid == key.Udf ? (key.Curve, key.PublicKey) : null;

    static KeyPair PrivateKey(string block)
    {
        var node = WireReader.Parse(Encoding.UTF8.GetBytes(block));
        var parameters = (PrivateKeyECDH)WireSerializer.BindTagged(node, typeof(KeyParameters), "$");
        return KeyPair.FromPrivateKey(Curves.Parse(parameters.Curve), parameters.Private ?? throw new FormatException("private key has no Private"));
    }

    [GeneratedRegex(@"test message is the UTF8 representation of the following string:\s*~~~~\n""([^""]*)""")]
    private static partial Regex PlaintextRow();
}
