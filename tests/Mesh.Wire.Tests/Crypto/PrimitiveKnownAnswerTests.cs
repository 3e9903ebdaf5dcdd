using System.Security.Cryptography;
using Mesh.Wire.Crypto;

namespace Mesh.Wire.Tests.Crypto;

/// <summary>Published known answers: RFC 7748 (X25519, X448), RFC 3394 (AES key wrap), RFC 5869 (HKDF).</summary>
public class PrimitiveKnownAnswerTests
{
    static byte[] Hex(string hex) => Convert.FromHexString(hex);

    [Fact]
    public void X25519_rfc7748_section_6_1()
    {
        var alice = KeyPair.FromPrivateKey(Curve.X25519, Hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
        var bob = KeyPair.FromPrivateKey(Curve.X25519, Hex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"));
        Assert.Equal(Hex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"), alice.PublicKey);
        Assert.Equal(Hex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"), bob.PublicKey);
        var shared = Hex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
        Assert.Equal(shared, alice.Agree(bob.PublicKey));
        Assert.Equal(shared, bob.Agree(alice.PublicKey));
    }

    [Fact]
    public void X448_rfc7748_section_6_2()
    {
        var alice = KeyPair.FromPrivateKey(Curve.X448, Hex("9a8f4925d1519f5775cf46b04b5800d4ee9ee8bae8bc5565d498c28dd9c9baf574a9419744897391006382a6f127ab1d9ac2d8c0a598726b"));
        var bob = KeyPair.FromPrivateKey(Curve.X448, Hex("1c306a7ac2a0e2e0990b294470cba339e6453772b075811d8fad0d1d6927c120bb5ee8972b0d3e21374c9c921b09d1b0366f10b65173992d"));
        Assert.Equal(Hex("9b08f7cc31b7e3e67d22d5aea121074a273bd2b83de09c63faa73d2c22c5d9bbc836647241d953d40c5b12da88120d53177f80e532c41fa0"), alice.PublicKey);
        Assert.Equal(Hex("3eb7a829b0cd20f5bcfc0b599b6feccf6da4627107bdb0d4f345b43027d8b972fc3e34fb4232a13ca706dcb57aec3dae07bdc1c67bf33609"), bob.PublicKey);
        var shared = Hex("07fff4181ac6cc95ec1c16a94a0f74d12da232ce40a77552281d282bb60c0b56fd2464c335543936521c24403085d59a449a5037514a879d");
        Assert.Equal(shared, alice.Agree(bob.PublicKey));
        Assert.Equal(shared, bob.Agree(alice.PublicKey));
    }

    [Fact]
    public void X25519_refuses_a_low_order_point() =>
        Assert.Throws<CryptographicException>(() => KeyPair.Generate(Curve.X25519, new SeededRandomSource("x")).Agree(new byte[32]));

    [Fact]
    public void Aes_key_wrap_rfc3394_section_4_6()
    {
        var kek = Hex("000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F");
        var key = Hex("00112233445566778899AABBCCDDEEFF000102030405060708090A0B0C0D0E0F");
        var wrapped = Hex("28C9F404C4B810F4CBCCB35CFB87F8263F5786E2D80ED326CBC7F0E71A99F43BFB988B9B7A02DD21");
        Assert.Equal(wrapped, SymmetricCrypto.WrapKey(kek, key));
        Assert.Equal(key, SymmetricCrypto.UnwrapKey(kek, wrapped));
        wrapped[5] ^= 1;
        Assert.Throws<CryptographicException>(() => SymmetricCrypto.UnwrapKey(kek, wrapped));
    }

    [Fact]
    public void Hkdf_sha256_rfc5869_case_1()
    {
        var okm = SymmetricCrypto.Hkdf(HashAlgorithmName.SHA256, Hex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"),
            Hex("000102030405060708090a0b0c"), Hex("f0f1f2f3f4f5f6f7f8f9"), 42);
        Assert.Equal(Hex("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"), okm);
    }

    [Fact]
    public void Aes_cbc_round_trips_with_pkcs7_padding()
    {
        var key = new byte[32];
        var iv = new byte[16];
        var ciphertext = SymmetricCrypto.EncryptCbc(key, iv, "fifteen bytes!!"u8);
        Assert.Equal(16, ciphertext.Length);
        Assert.Equal("fifteen bytes!!"u8.ToArray(), SymmetricCrypto.DecryptCbc(key, iv, ciphertext));
    }

    [Fact]
    public void Seeded_random_streams_repeat_and_differ_by_label()
    {
        var a = new SeededRandomSource("vector");
        Assert.Equal(new SeededRandomSource("vector").GetBytes(100), a.GetBytes(100));
        Assert.NotEqual(new SeededRandomSource("other").GetBytes(100), new SeededRandomSource("vector").GetBytes(100));
    }
}
