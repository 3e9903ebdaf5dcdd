using System.Security.Cryptography;
using System.Text;
using Mesh.Wire.Crypto;
using Mesh.Wire.Dare;
using Mesh.Wire.Json;
using Mesh.Wire.Messages;
using Mesh.Wire.Model;
using Mesh.Wire.Objects;

namespace Mesh.Wire.Tests.Dare;

/// <summary>Envelopes as docs/reference-behaviour.md §D4–§D5 define them: what verifies, what does not and why, and decryption.</summary>
public class EnvelopeTests
{
    static readonly byte[] Payload = WireSerializer.Encode(new ProfileService());

    static KeyResolver Keys(params KeyPair[] keys) =>
        kid => keys.FirstOrDefault(k => k.Udf == kid) is { } key ? (key.Curve, key.PublicKey) : null;

    [Theory]
    [InlineData(Curve.Ed448)]
    [InlineData(Curve.Ed25519)]
    public void Signed_envelope_verifies_with_the_key_its_kid_names(Curve curve)
    {
        var signer = KeyPair.Generate(curve, new SeededRandomSource("signer"));
        var envelope = EnvelopeWriter.Signed(Payload, signer);
        Assert.Equal("SHA2", envelope.Header.DigestAlgorithm);
        Assert.Equal(signer.Udf, envelope.Trailer!.Signatures![0].KeyIdentifier);
        Assert.Equal(SHA512.HashData(Payload), envelope.Trailer.PayloadDigest);
        var result = EnvelopeReader.VerifySignatures(envelope, Keys(signer));
        Assert.True(result.IsValid, result.Reason);
    }

    [Fact]
    public void Derived_ed448_key_with_a_56_byte_seed_signs_verifiably()
    {
        var signer = KeyPair.FromSeedUdf(Mesh.Wire.Fingerprints.Udf.KeySeed(Mesh.Wire.Fingerprints.UdfKeyAlgorithm.MeshProfileMaster, new byte[16]), Curve.Ed448);
        Assert.Equal(56, signer.PrivateKey.Length);
        Assert.True(EnvelopeReader.VerifySignatures(EnvelopeWriter.Signed(Payload, signer), Keys(signer)).IsValid);
    }

    [Fact]
    public void A_flipped_payload_byte_breaks_the_digest()
    {
        var signer = KeyPair.Generate(Curve.Ed448, new SeededRandomSource("signer"));
        var envelope = EnvelopeWriter.Signed(Payload, signer);
        envelope.Payload[10] ^= 1;
        var result = EnvelopeReader.VerifySignatures(envelope, Keys(signer));
        Assert.False(result.IsValid);
        Assert.Contains("PayloadDigest does not match", result.Reason);
    }

    [Fact]
    public void A_flipped_signature_bit_is_refused_with_the_signer_named()
    {
        var signer = KeyPair.Generate(Curve.Ed448, new SeededRandomSource("signer"));
        var envelope = EnvelopeWriter.Signed(Payload, signer);
        envelope.Trailer!.Signatures![0].SignatureValue![3] ^= 0x10;
        var result = EnvelopeReader.VerifySignatures(envelope, Keys(signer));
        Assert.False(result.IsValid);
        Assert.Equal($"signature by {signer.Udf}: Ed448 signature (pure, empty context) does not verify", result.Reason);
    }

    [Fact]
    public void A_consistent_digest_over_other_bytes_still_fails_the_signature()
    {
        var signer = KeyPair.Generate(Curve.Ed448, new SeededRandomSource("signer"));
        var envelope = EnvelopeWriter.Signed(Payload, signer);
        var forged = new DareEnvelope
        {
            Header = envelope.Header,
            Payload = [.. Payload, (byte)' '],
            Trailer = new DareTrailer { Signatures = envelope.Trailer!.Signatures, PayloadDigest = SHA512.HashData([.. Payload, (byte)' ']) },
        };
        Assert.False(EnvelopeReader.VerifySignatures(forged, Keys(signer)).IsValid);
    }

    [Fact]
    public void Unsigned_envelopes_and_unknown_signers_are_refused_with_reasons()
    {
        var signer = KeyPair.Generate(Curve.Ed448, new SeededRandomSource("signer"));
        var other = KeyPair.Generate(Curve.Ed448, new SeededRandomSource("other"));
        Assert.Equal("envelope is not signed (no trailer signatures)", EnvelopeReader.VerifySignatures(EnvelopeWriter.Plain(Payload), Keys(signer)).Reason);
        Assert.Equal($"no known key has UDF {signer.Udf}", EnvelopeReader.VerifySignatures(EnvelopeWriter.Signed(Payload, signer), Keys(other)).Reason);
    }

    [Fact]
    public void A_resolver_that_returns_the_wrong_key_for_a_kid_is_caught()
    {
        var signer = KeyPair.Generate(Curve.Ed448, new SeededRandomSource("signer"));
        var other = KeyPair.Generate(Curve.Ed448, new SeededRandomSource("other"));
        var result = EnvelopeReader.VerifySignatures(EnvelopeWriter.Signed(Payload, signer), _ => (other.Curve, other.PublicKey));
        Assert.Contains("is not the UDF of the key resolved for it", result.Reason);
    }

    [Theory]
    [InlineData(Curve.X25519)]
    [InlineData(Curve.X448)]
    [InlineData(Curve.Ed448)]
    [InlineData(Curve.Ed25519)]
    public void Encrypted_envelope_decrypts_for_its_recipient_only(Curve curve)
    {
        var recipient = KeyPair.Generate(curve, new SeededRandomSource("recipient"));
        var stranger = KeyPair.Generate(curve, new SeededRandomSource("stranger"));
        var envelope = new EnvelopeWriter(new SeededRandomSource("envelope")).Encrypted(Payload, [EnvelopeRecipient.Of(recipient)]);
        Assert.Equal("A256CBC", envelope.Header.EncryptionAlgorithm);
        Assert.Equal(recipient.Udf, envelope.Header.Recipients![0].KeyIdentifier);
        Assert.NotEqual(Payload, envelope.Payload);
        Assert.Equal(Payload, EnvelopeReader.Decrypt(envelope, recipient));
        var error = Assert.Throws<CryptographicException>(() => EnvelopeReader.Decrypt(envelope, stranger));
        Assert.Contains("not encrypted to", error.Message);
    }

    [Fact]
    public void A_recipient_entry_named_otherwise_is_found_by_unwrapping_and_a_stranger_still_cannot_open_it()
    {
        var other = KeyPair.Generate(Curve.X448, new SeededRandomSource("other recipient"));
        var recipient = KeyPair.Generate(Curve.X448, new SeededRandomSource("recipient"));
        var stranger = KeyPair.Generate(Curve.X448, new SeededRandomSource("stranger"));
        var envelope = new EnvelopeWriter(new SeededRandomSource("envelope")).Encrypted(Payload, [EnvelopeRecipient.Of(other), EnvelopeRecipient.Of(recipient)]);
        // as a writer that names keys some other way: neither kid is the UDF of either key
        envelope.Header.Recipients![0].KeyIdentifier = "MAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA";
        envelope.Header.Recipients![1].KeyIdentifier = "MBBB-BBBB-BBBB-BBBB-BBBB-BBBB-BBBB";
        Assert.Equal(Payload, EnvelopeReader.Decrypt(envelope, recipient));
        Assert.Equal(Payload, EnvelopeReader.Decrypt(envelope, other));
        var error = Assert.Throws<CryptographicException>(() => EnvelopeReader.Decrypt(envelope, stranger));
        Assert.Contains("not encrypted to", error.Message);
    }

    [Fact]
    public void Signed_and_encrypted_envelope_signs_the_ciphertext_and_carries_a_witness()
    {
        var signer = KeyPair.Generate(Curve.Ed448, new SeededRandomSource("signer"));
        var recipient = KeyPair.Generate(Curve.X448, new SeededRandomSource("recipient"));
        var envelope = new EnvelopeWriter(new SeededRandomSource("envelope")).Encrypted(Payload, [EnvelopeRecipient.Of(recipient)], signer);
        Assert.Equal(SHA512.HashData(envelope.Payload), envelope.Trailer!.PayloadDigest);
        Assert.True(EnvelopeReader.VerifySignatures(envelope, Keys(signer)).IsValid);
        var master = EnvelopeReader.UnwrapMaster(envelope.Header.Recipients![0], recipient);
        var signature = envelope.Trailer.Signatures![0];
        Assert.Equal(EnvelopeWriter.Witness(master, envelope.Header.Salt!, signature.SignatureValue!), signature.WitnessValue);
        Assert.Equal(Payload, EnvelopeReader.Decrypt(envelope, recipient));
    }

    [Fact]
    public void Seeded_random_gives_byte_identical_envelopes()
    {
        var recipient = KeyPair.Generate(Curve.X448, new SeededRandomSource("recipient"));
        byte[] Make() => new EnvelopeWriter(new SeededRandomSource("fixed")).Encrypted(Payload, [EnvelopeRecipient.Of(recipient)]).Encode();
        Assert.Equal(Make(), Make());
    }

    [Fact]
    public void Envelope_survives_the_wire_with_its_payload_bytes_untouched()
    {
        var signer = KeyPair.Generate(Curve.Ed448, new SeededRandomSource("signer"));
        var request = new CreateRequest { ServiceID = "alice@example.com", SignedAssertionAccount = EnvelopeWriter.Signed(Payload, signer, new ContentMeta { MessageType = "ProfileAccount" }) };
        foreach (var encoding in Enum.GetValues<WireEncoding>())
        {
            var read = WireSerializer.Decode<CreateRequest>(WireSerializer.Encode(request, encoding));
            Assert.Equal(Payload, read.SignedAssertionAccount!.Payload);
            Assert.True(EnvelopeReader.VerifySignatures(read.SignedAssertionAccount, Keys(signer)).IsValid);
            Assert.Equal("ProfileAccount", EnvelopeReader.Meta(read.SignedAssertionAccount)!.MessageType);
        }
    }

    [Fact]
    public void Plain_envelope_has_an_empty_header_and_no_trailer()
    {
        var text = Encoding.UTF8.GetString(EnvelopeWriter.Plain("hi"u8.ToArray()).Encode());
        Assert.Equal("{\n  \"DareEnvelope\": [{},\n    \"aGk\"]}", text);
    }
}
