using System.Security.Cryptography;
using System.Text;
using Mesh.Wire.Crypto;
using Mesh.Wire.Dare;

namespace Mesh.Conformance.ReferenceVectors;

/// <summary>
/// Writes an ExamplesDAREMessage.md in the layout of the author's example sets (docs/reference-behaviour.md §D4–§D5) with fresh keys
/// and random values from <paramref name="random"/>: Alice's two Ed25519 keys, the encrypted message's
/// intermediate values in the printed order (master key, ephemeral key, agreement, KEK, wmk, salt, content
/// key, IV, ciphertext), then the encrypted, signed, and signed-and-encrypted envelopes. Both this project's
/// verify-vectors and the independent checker must accept what it writes.
/// </summary>
public sealed class DareExampleWriter(IRandomSource random)
{
    public const string Message = "This is a test long enough to require multiple blocks";

    /// <summary>
    /// <paramref name="emptySignedKekInfo"/> writes the signed-and-encrypted message as the later regenerations
    /// do, its KEK derived with an empty HKDF info (docs/wire.md A-W7).
    /// </summary>
    public string Write(bool emptySignedKekInfo = false)
    {
        var plaintext = Encoding.UTF8.GetBytes(Message);
        var alice = KeyPair.FromPrivateKey(Curve.Ed25519, random.GetBytes(32));
        var signer = KeyPair.FromPrivateKey(Curve.Ed25519, random.GetBytes(32));
        var text = new StringBuilder();
        text.Append("\n#Test Examples\n\nIn the following examples, Alice's encryption private key parameters are:\n\n");
        Block(text, PrivateKey(alice));
        text.Append(" Alice's signature private key parameters are:\n\n");
        Block(text, PrivateKey(signer));
        text.Append("The body of the test message is the UTF8 representation of the following string:\n\n");
        Block(text, $"\"{Message}\"");

        var step = Encrypt(alice, plaintext, KekInfo.Master);
        text.Append("## Encrypted Message\n\nThe creator generates a master session key:\n\n");
        Hex(text, step.Master);
        text.Append("For each recipient of the message:\n\nThe creator generates an ephemeral key:\n\n");
        Block(text, PrivateKey(step.Ephemeral));
        text.Append("The key agreement value is calculated:\n\n");
        Hex(text, step.Agreement);
        text.Append("The key agreement value is used as the input to a HKDF key\nderivation function with the info parameter \nmaster to create the key used to wrap the master key:\n\n");
        Hex(text, step.Kek);
        text.Append("The wrapped master key is:\n\n");
        Hex(text, step.Envelope.Header.Recipients![0].WrappedMasterKey!);
        text.Append("To encrypt a message, we first generate a unique salt value:\n\n\n");
        Hex(text, step.Envelope.Header.Salt!);
        text.Append("The salt value and master key are used to generate the payload encryption\nkey:\n\n");
        var (key, iv) = EnvelopeWriter.ContentKeys(step.Master, step.Envelope.Header.Salt!);
        Hex(text, key);
        text.Append("Since AES is a block cipher, we also require an initializarion vector:\n\n");
        Hex(text, iv);
        text.Append("The output sequence is the encrypted bytes:\n\n");
        Hex(text, step.Envelope.Payload);
        text.Append("The completed message is:\n\n");
        Block(text, Encoding.UTF8.GetString(step.Envelope.Encode()));

        text.Append("## Signed Message\n\n");
        Block(text, Encoding.UTF8.GetString(EnvelopeWriter.Signed(plaintext, signer).Encode()));

        text.Append("## Signed and Encrypted Message\n\n");
        var signed = Encrypt(alice, plaintext, emptySignedKekInfo ? KekInfo.Empty : KekInfo.Master);
        Block(text, Encoding.UTF8.GetString(Sign(signed, signer).Encode()));
        return text.ToString();
    }

    enum KekInfo { Master, Empty }

    sealed record Encryption(byte[] Master, KeyPair Ephemeral, byte[] Agreement, byte[] Kek, DareEnvelope Envelope);

    /// <summary>docs/reference-behaviour.md §D5 step by step, so that every intermediate value can be printed.</summary>
    Encryption Encrypt(KeyPair recipient, byte[] plaintext, KekInfo info)
    {
        var master = random.GetBytes(32);
        var ephemeral = KeyPair.FromPrivateKey(recipient.Curve, random.GetBytes(32));
        var agreement = ephemeral.Agree(recipient.PublicKey);
        var kek = info == KekInfo.Master ? EnvelopeWriter.KeyEncryptionKey(agreement) : EnvelopeWriter.KeyEncryptionKey(agreement, []);
        var salt = random.GetBytes(16);
        var (key, iv) = EnvelopeWriter.ContentKeys(master, salt);
        var envelope = new DareEnvelope
        {
            Header = new DareHeader
            {
                EncryptionAlgorithm = DareAlgorithms.Aes256Cbc,
                Salt = salt,
                Recipients = [new DareRecipient { KeyIdentifier = recipient.Udf, EphemeralKey = ephemeral.PublicParameters(), WrappedMasterKey = SymmetricCrypto.WrapKey(kek, master) }],
            },
            Payload = SymmetricCrypto.EncryptCbc(key, iv, plaintext),
        };
        return new Encryption(master, ephemeral, agreement, kek, envelope);
    }

    /// <summary>Encrypted then signed: the signature covers the ciphertext's digest, the witness proves the plaintext (docs/reference-behaviour.md §D4).</summary>
    static DareEnvelope Sign(Encryption encryption, KeyPair signer)
    {
        var header = encryption.Envelope.Header;
        header.DigestAlgorithm = DareAlgorithms.Sha2;
        var digest = SHA512.HashData(encryption.Envelope.Payload);
        var signature = signer.Sign(digest);
        return new DareEnvelope
        {
            Header = header,
            Payload = encryption.Envelope.Payload,
            Trailer = new DareTrailer
            {
                Signatures = [new DareSignature
                {
                    Algorithm = DareAlgorithms.Sha2,
                    KeyIdentifier = signer.Udf,
                    SignatureValue = signature,
                    WitnessValue = EnvelopeWriter.Witness(encryption.Master, header.Salt!, signature),
                }],
                PayloadDigest = digest,
            },
        };
    }

    static string PrivateKey(KeyPair key) =>
        $"{{\n  \"PrivateKeyECDH\":{{\n    \"crv\":\"{key.Curve.Name()}\",\n    \"Private\":\"{Base64Url(key.PrivateKey)}\"}}}}";

    static string Base64Url(byte[] data) => Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    static void Block(StringBuilder text, string body) => text.Append("~~~~\n").Append(body).Append("\n~~~~\n\n");

    /// <summary>Octets as the reference prints them: a blank line, then 16 a line in groups of four.</summary>
    static void Hex(StringBuilder text, byte[] data)
    {
        text.Append("~~~~\n");
        for (var line = 0; line < data.Length; line += 16)
        {
            text.Append("\n  ");
            var row = data.Skip(line).Take(16).Select((b, i) => (i > 0 && i % 4 == 0 ? "  " : i > 0 ? " " : "") + b.ToString("X2"));
            text.Append(string.Concat(row));
        }
        text.Append("\n~~~~\n\n");
    }
}
