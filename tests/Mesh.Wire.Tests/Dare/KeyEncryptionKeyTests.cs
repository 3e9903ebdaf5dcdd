using System.Security.Cryptography;
using System.Text;
using Mesh.Wire.Crypto;
using Mesh.Wire.Dare;

namespace Mesh.Wire.Tests.Dare;

/// <summary>
/// The KEK of a recipient entry (docs/reference-behaviour.md §D5). The reference's regenerations of ExamplesDAREMessage.md after
/// 2020-03 derive the KEK of the signed-and-encrypted message with an empty HKDF info, where the 2020-03 set
/// uses "master" (docs/wire.md A-W7); a reader must open both, a writer keeps "master".
/// </summary>
public class KeyEncryptionKeyTests
{
    static readonly byte[] Plaintext = Encoding.UTF8.GetBytes("This is a test long enough to require multiple blocks");

    /// <summary>An envelope to <paramref name="recipient"/> built step by step, with the KEK's HKDF info given.</summary>
    static DareEnvelope EncryptedWithKekInfo(KeyPair recipient, byte[] info, string seed)
    {
        var random = new SeededRandomSource(seed);
        var (master, salt) = (random.GetBytes(32), random.GetBytes(16));
        var ephemeral = KeyPair.Generate(recipient.Curve, random);
        var kek = SymmetricCrypto.Hkdf(HashAlgorithmName.SHA512, ephemeral.Agree(recipient.PublicKey), [], info, 32);
        var (key, iv) = EnvelopeWriter.ContentKeys(master, salt);
        return new DareEnvelope
        {
            Header = new DareHeader
            {
                EncryptionAlgorithm = DareAlgorithms.Aes256Cbc,
                Salt = salt,
                Recipients = [new DareRecipient { KeyIdentifier = recipient.Udf, EphemeralKey = ephemeral.PublicParameters(), WrappedMasterKey = SymmetricCrypto.WrapKey(kek, master) }],
            },
            Payload = SymmetricCrypto.EncryptCbc(key, iv, Plaintext),
        };
    }

    [Theory]
    [InlineData(Curve.Ed25519)]
    [InlineData(Curve.Ed448)]
    [InlineData(Curve.X25519)]
    [InlineData(Curve.X448)]
    public void A_kek_derived_with_an_empty_info_opens(Curve curve)
    {
        for (var i = 0; i < 8; i++)
        {
            var alice = KeyPair.Generate(curve, new SeededRandomSource($"alice/{i}"));
            var envelope = EncryptedWithKekInfo(alice, [], $"envelope/{i}");
            Assert.Equal(Plaintext, EnvelopeReader.Decrypt(envelope, alice));
        }
    }

    [Fact]
    public void A_kek_derived_with_master_opens_and_a_wrong_key_still_fails()
    {
        var alice = KeyPair.Generate(Curve.Ed25519, new SeededRandomSource("alice"));
        var envelope = EncryptedWithKekInfo(alice, "master"u8.ToArray(), "envelope");
        Assert.Equal(Plaintext, EnvelopeReader.Decrypt(envelope, alice));
        var mallory = KeyPair.Generate(Curve.Ed25519, new SeededRandomSource("mallory"));
        var error = Assert.Throws<CryptographicException>(() => EnvelopeReader.UnwrapMaster(envelope.Header.Recipients![0], mallory));
        Assert.Contains("checksum", error.Message);
    }

    [Fact]
    public void The_writer_keeps_master()
    {
        var alice = KeyPair.Generate(Curve.X448, new SeededRandomSource("alice"));
        var envelope = new EnvelopeWriter(new SeededRandomSource("writer")).Encrypted(Plaintext, [EnvelopeRecipient.Of(alice)]);
        var entry = envelope.Header.Recipients![0];
        var agreement = alice.Agree(((Mesh.Wire.Objects.PublicKeyECDH)entry.EphemeralKey!).Public!);
        var master = SymmetricCrypto.UnwrapKey(SymmetricCrypto.Hkdf(HashAlgorithmName.SHA512, agreement, [], "master"u8, 32), entry.WrappedMasterKey!);
        Assert.Equal(32, master.Length);
    }
}
