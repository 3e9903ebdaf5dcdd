using System.Text;
using Mesh.Wire.Crypto;
using Mesh.Wire.Fingerprints;

namespace Mesh.Wire.Tests.Fingerprints;

/// <summary>Known answers for UDF (docs/reference-behaviour.md §U2–§U7), from the values the spec digest publishes.</summary>
public class UdfTests
{
    static readonly byte[] Data = "UDF Data Value"u8.ToArray();

    [Theory]
    [InlineData(140, "MDDK-7N6A-727A-JZNO-STRX-XKS7-DJAF")]
    [InlineData(100, "MDDK-7N6A-727A-JZNO-STRX")]
    [InlineData(120, "MDDK-7N6A-727A-JZNO-STRX-XKS7")]
    [InlineData(200, "MDDK-7N6A-727A-JZNO-STRX-XKS7-DJAF-XI6O-ZSLU-2VOA")]
    [InlineData(260, "MDDK-7N6A-727A-JZNO-STRX-XKS7-DJAF-XI6O-ZSLU-2VOA-TZQ6-JMHP-TSXP")]
    public void Sha2_content_digest_at_each_precision(int bits, string expected) =>
        Assert.Equal(expected, Udf.ContentDigest(Data, "text/plain", bits));

    [Fact]
    public void Sha3_content_digest() =>
        Assert.Equal("KCFI-NCQG-DRKG-47R7-OVPT-TCHZ-7UXY", Udf.ContentDigest(Data, "text/plain", digest: UdfDigest.Sha3_512));

    [Fact]
    public void Binary_form_is_the_type_byte_then_the_outer_digest()
    {
        var binary = Udf.ContentDigestBinary(Data, "text/plain");
        Assert.Equal(65, binary.Length);
        Assert.Equal(Convert.FromHexString("60C6AFB7C0FEBE04E5AE94E37BAA5F1A405B"), binary[..18]);
    }

    [Fact]
    public void Digest_ending_in_twenty_zero_bits_takes_the_compressed_type_and_keeps_its_body()
    {
        var binary = Udf.ContentDigestBinary("UDF Compressed Document 4187123"u8, "text/plain");
        Assert.Equal(97, binary[0]);
        Assert.Equal(65, binary.Length);
        Assert.Equal("MGHB-JWIZ-J3LA-EEWD-GCT3-WX6H-C5W2", Udf.Present(binary));
    }

    [Theory]
    [InlineData("00", 0)]
    [InlineData("F00000", 1)]
    [InlineData("C0000000", 2)]
    [InlineData("0000000000", 3)]
    [InlineData("FC000000000000", 4)]
    [InlineData("FFFF0000", 0)]
    public void Compression_level_counts_trailing_zero_bits(string tailHex, int level)
    {
        var outer = new byte[64];
        Array.Fill(outer, (byte)0xFF);
        var tail = Convert.FromHexString(tailHex);
        tail.CopyTo(outer, 64 - tail.Length);
        Assert.Equal(level, Udf.CompressionLevel(outer));
    }

    [Fact]
    public void Encryption_key_udf_covers_the_whole_key() =>
        Assert.Equal("EALD-BHS4-SQXO-V7HJ-VPGX-36DA-JS2Q", Udf.EncryptionKey(Convert.FromHexString("16309E5C942EEAFCE9ABCD7DF8604CB5")));

    [Fact]
    public void Nonce_udf_starts_with_N_and_comes_from_the_random_source()
    {
        var nonce = Udf.Nonce(new SeededRandomSource("nonce"));
        Assert.StartsWith("N", nonce);
        Assert.Equal(28, nonce.Replace("-", "").Length);
        Assert.Equal(nonce, Udf.Nonce(new SeededRandomSource("nonce")));
        Assert.NotEqual(nonce, Udf.Nonce(new SeededRandomSource("other")));
    }

    [Fact]
    public void Key_udf_is_the_digest_of_the_reference_key_info()
    {
        var publicKey = Mesh.Wire.Text.Base64Url.Decode("BhgtGiNotAevK1g2p9KweCrbGkIDc_ec4gfdRX5jhKOibLv9xrjSp1kCq0_Dg2bKyLNEKPrGhzOA");
        Assert.Equal("MBNT-WOL7-R4N6-WNQ6-DZGH-NARU-QXGS", KeyInfo.Udf(Curve.Ed448, publicKey));
        Assert.Equal(Convert.FromHexString("30473007060" + "32B6571050003" + "3C00" + "0439"), KeyInfo.Encode(Curve.Ed448, publicKey)[..16]);
        Assert.Equal(73, KeyInfo.Encode(Curve.Ed448, publicKey).Length);
        Assert.Equal(48, KeyInfo.Encode(Curve.Ed25519, new byte[32]).Length);
        Assert.Equal(72, KeyInfo.Encode(Curve.X448, new byte[56]).Length);
    }

    [Fact]
    public void Seed_udf_derives_the_published_x25519_key()
    {
        const string seed = "ZAAA-CDJ5-DHPA-DUUW-WIPQ-UXNC-DSAR-U7A";
        var (prk, ikm) = KeyDerivation.Extract(seed);
        Assert.Equal(Convert.FromHexString("00010D3D19DE01D296B21F0A5DA21C811A7C"), ikm);
        Assert.StartsWith("DA2E806F", Convert.ToHexString(prk));
        Assert.StartsWith("E72239E1AB77AC9C", Convert.ToHexString(KeyDerivation.DerivePrivateKey(seed, Curve.X25519)));
        Assert.Equal(UdfKeyAlgorithm.X25519, KeyDerivation.Algorithm(seed));
    }

    [Fact]
    public void Seed_udf_round_trips_its_specifier_big_endian()
    {
        var udf = Udf.KeySeed(UdfKeyAlgorithm.MeshProfileDevice, new byte[16]);
        Assert.StartsWith("ZAAQ", udf);
        Assert.Equal(UdfKeyAlgorithm.MeshProfileDevice, KeyDerivation.Algorithm(udf));
        Assert.Equal(56, KeyDerivation.DerivePrivateKey(udf, Curve.Ed448).Length);
    }

    [Theory]
    [InlineData("MDDK-7N6A-727A-JZNO-STRX", "MDDK-7N6A-727A-JZNO-STRX-XKS7-DJAF", true)]
    [InlineData("mddk7n6a727ajznostrxxks7", "MDDK-7N6A-727A-JZNO-STRX-XKS7-DJAF", true)]
    [InlineData("MDDK-7N6A-727A-JZNO", "MDDK-7N6A-727A-JZNO-STRX-XKS7-DJAF", false)]
    [InlineData("MDDK-7N6A-727A-JZNO-STRY", "MDDK-7N6A-727A-JZNO-STRX-XKS7-DJAF", false)]
    public void Matching_is_a_case_and_dash_insensitive_prefix_of_at_least_100_bits(string received, string expected, bool matches) =>
        Assert.Equal(matches, Udf.Matches(received, expected));

    [Fact]
    public void Base32_parsing_skips_dashes_and_spaces_and_ignores_case() =>
        Assert.Equal(Udf.Parse("MDDK-7N6A-727A-JZNO"), Udf.Parse("mddk 7n6a727a-jzno"));

    [Fact]
    public void Authenticator_udf_has_type_zero()
    {
        var udf = Udf.Authenticator("KeyString", Encoding.UTF8.GetBytes("data"), "text/plain");
        Assert.Equal(0, Udf.Parse(udf)[0]);
        Assert.NotEqual(udf, Udf.Authenticator("OtherKey", Encoding.UTF8.GetBytes("data"), "text/plain"));
    }
}
