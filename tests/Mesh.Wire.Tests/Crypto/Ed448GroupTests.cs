using System.Numerics;
using Mesh.Wire.Crypto;
using BcEd448 = Org.BouncyCastle.Math.EC.Rfc8032.Ed448;

namespace Mesh.Wire.Tests.Crypto;

/// <summary>Ed448 on limbs (<see cref="EdwardsCurve.Ed448"/>) against its BigInteger reference and BouncyCastle.</summary>
public class Ed448GroupTests
{
    static readonly EdwardsCurve Limbs = EdwardsCurve.Ed448;
    static readonly EdwardsCurve Reference = EdwardsCurve.Ed448Reference;
    static readonly BigInteger P = BigInteger.Pow(2, 448) - BigInteger.Pow(2, 224) - 1;
    static readonly BigInteger L = BigInteger.Pow(2, 446) - BigInteger.Parse(
        "13818066809895115352007386748515426880336692474882178609894547503885");

    static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    [Fact]
    public void Limbs_reference_and_bouncycastle_agree_on_57_octet_seeds()
    {
        var random = new Random(57);
        for (var i = 0; i < 12; i++)
        {
            var seed = RandomBytes(random, 57);
            var message = RandomBytes(random, random.Next(0, 300));
            var bcPublic = new byte[BcEd448.PublicKeySize];
            BcEd448.GeneratePublicKey(seed, 0, bcPublic, 0);
            Assert.Equal(bcPublic, Limbs.PublicKey(seed));
            Assert.Equal(bcPublic, Reference.PublicKey(seed));

            foreach (var context in new[] { Array.Empty<byte>(), "foo"u8.ToArray() })
            {
                var bc = new byte[BcEd448.SignatureSize];
                BcEd448.Sign(seed, 0, bcPublic, 0, context, message, 0, message.Length, bc, 0);
                Assert.Equal(bc, Limbs.Sign(seed, message, context));
                Assert.Equal(bc, Limbs.Sign(seed, bcPublic, message, context));
                Assert.Equal(bc, Reference.Sign(seed, message, context));
                Assert.True(Limbs.Verify(bcPublic, message, bc, context));
                Assert.True(Reference.Verify(bcPublic, message, bc, context));
            }
        }
    }

    [Fact]
    public void Limbs_and_reference_agree_on_56_octet_seeds_and_bouncycastle_verifies()
    {
        var random = new Random(56);
        for (var i = 0; i < 12; i++)
        {
            var seed = RandomBytes(random, 56);
            var message = RandomBytes(random, random.Next(0, 300));
            var publicKey = Limbs.PublicKey(seed);
            Assert.Equal(Reference.PublicKey(seed), publicKey);
            var signature = Limbs.Sign(seed, publicKey, message, []);
            Assert.Equal(Reference.Sign(seed, message, []), signature);
            Assert.Equal(signature, Limbs.Sign(seed, message, []));
            Assert.True(BcEd448.Verify(signature, 0, publicKey, 0, [], message, 0, message.Length));
            Assert.True(Limbs.Verify(publicKey, message, signature, []));

            // KeyPair signs 56-octet seeds through the overload with its stored public key.
            var key = KeyPair.FromPrivateKey(Curve.Ed448, seed);
            Assert.Equal(publicKey, key.PublicKey);
            Assert.Equal(signature, key.Sign(message));
        }
    }

    [Fact]
    public void Sign_with_a_public_key_checks_its_length_and_the_context()
    {
        var seed = new byte[56];
        var publicKey = Limbs.PublicKey(seed);
        Assert.Throws<ArgumentException>(() => Limbs.Sign(seed, publicKey[..^1], "m"u8, []));
        Assert.Throws<ArgumentException>(() => Limbs.Sign(seed, publicKey, "m"u8, new byte[256]));
    }

    [Fact]
    public void Both_reject_tampered_signatures_S_at_or_above_L_and_non_canonical_points()
    {
        var random = new Random(4481);
        for (var i = 0; i < 6; i++)
        {
            var seed = RandomBytes(random, 57);
            var message = RandomBytes(random, 40);
            var publicKey = Limbs.PublicKey(seed);
            var signature = Limbs.Sign(seed, message, []);

            for (var flip = 0; flip < 8; flip++)
            {
                var tampered = (byte[])signature.Clone();
                tampered[random.Next(tampered.Length)] ^= (byte)(1 << random.Next(8));
                AssertBothVerify(false, publicKey, message, tampered);
            }

            var s = new BigInteger(signature.AsSpan(57), isUnsigned: true);
            foreach (var badS in new[] { s + L, L, L + 1 })
            {
                var withS = (byte[])signature.Clone();
                Array.Clear(withS, 57, 57);
                badS.TryWriteBytes(withS.AsSpan(57), out _, isUnsigned: true);
                AssertBothVerify(false, publicKey, message, withS);
            }

            // The public key with y + p: the same point, but not a canonical encoding (y >= p).
            var y = new BigInteger(publicKey.AsSpan(0, 56), isUnsigned: true);
            if (y + P < BigInteger.Pow(2, 448))
            {
                var nonCanonical = (byte[])publicKey.Clone();
                Array.Clear(nonCanonical, 0, 56);
                (y + P).TryWriteBytes(nonCanonical, out _, isUnsigned: true);
                AssertBothVerify(false, nonCanonical, message, signature);
            }
            // R with y + p likewise.
            var ry = new BigInteger(signature.AsSpan(0, 56), isUnsigned: true);
            if (ry + P < BigInteger.Pow(2, 448))
            {
                var nonCanonicalR = (byte[])signature.Clone();
                Array.Clear(nonCanonicalR, 0, 56);
                (ry + P).TryWriteBytes(nonCanonicalR, out _, isUnsigned: true);
                AssertBothVerify(false, publicKey, message, nonCanonicalR);
            }
            // Any of bits 448-454 set makes y >= 2^448.
            var highBits = (byte[])publicKey.Clone();
            highBits[56] |= (byte)(1 << random.Next(7));
            AssertBothVerify(false, highBits, message, signature);
        }
    }

    static void AssertBothVerify(bool expected, byte[] publicKey, byte[] message, byte[] signature)
    {
        Assert.Equal(expected, Limbs.Verify(publicKey, message, signature, []));
        Assert.Equal(expected, Reference.Verify(publicKey, message, signature, []));
        Assert.Equal(expected, BcEd448.Verify(signature, 0, publicKey, 0, [], message, 0, message.Length));
    }

    [Fact]
    public void Verify_agrees_with_the_reference_on_junk_keys_and_signatures()
    {
        var random = new Random(4482);
        for (var i = 0; i < 20; i++)
        {
            var publicKey = RandomBytes(random, 57);
            publicKey[56] &= 0x80;                     // keep y below 2^448 so decoding gets as far as the square root
            var signature = RandomBytes(random, 114);
            signature[113] = 0;
            Assert.Equal(Reference.Verify(publicKey, "m"u8, signature, []), Limbs.Verify(publicKey, "m"u8, signature, []));
        }
    }

    [Fact]
    public void Agreement_on_limbs_matches_the_reference_and_is_symmetric()
    {
        var random = new Random(4483);
        for (var i = 0; i < 10; i++)
        {
            var length = i % 2 == 0 ? 56 : 57;
            var (alice, bob) = (RandomBytes(random, length), RandomBytes(random, length));
            var (alicePublic, bobPublic) = (Limbs.PublicKey(alice), Limbs.PublicKey(bob));
            var shared = Limbs.Agree(alice, bobPublic);
            Assert.Equal(Reference.Agree(alice, bobPublic), shared);
            Assert.Equal(shared, Limbs.Agree(bob, alicePublic));
        }
    }

    [Fact]
    public void Agreement_with_special_points_matches_the_reference()
    {
        var seed = new byte[57];
        seed[0] = 9;
        // The identity (0, 1), the point of order 2 (0, -1), and points decoded from small y values.
        var points = new List<byte[]> { Encoded(1, false), Encoded(P - 1, false) };
        for (var y = 3; y < 40; y++)
            foreach (var sign in new[] { false, true })
                points.Add(Encoded(y, sign));
        foreach (var point in points)
        {
            string Outcome(EdwardsCurve curve)
            {
                try { return Convert.ToHexString(curve.Agree(seed, point)); }
                catch (ArgumentException) { return "rejected"; }
            }
            Assert.Equal(Outcome(Reference), Outcome(Limbs));
        }
        // A multiple of the cofactor sends the order-2 point to the identity.
        Assert.Equal(Encoded(1, false), Limbs.Agree(seed, Encoded(P - 1, false)));
        // y = p - 1 with the sign bit set would be x = 0, "negative": rejected.
        Assert.Throws<ArgumentException>(() => Limbs.Agree(seed, Encoded(P - 1, true)));
        Assert.Throws<ArgumentException>(() => Limbs.Agree(seed, Encoded(P, false)));
    }

    static byte[] Encoded(BigInteger y, bool xOdd)
    {
        var bytes = new byte[57];
        y.TryWriteBytes(bytes, out _, isUnsigned: true);
        if (xOdd)
            bytes[56] |= 0x80;
        return bytes;
    }
}
