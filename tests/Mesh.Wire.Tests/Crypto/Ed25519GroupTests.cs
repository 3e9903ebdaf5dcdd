using System.Numerics;
using Mesh.Wire.Crypto;
using BcEd25519 = Org.BouncyCastle.Math.EC.Rfc8032.Ed25519;

namespace Mesh.Wire.Tests.Crypto;

/// <summary>Ed25519 on limbs (<see cref="EdwardsCurve.Ed25519"/>) against its BigInteger reference and BouncyCastle.</summary>
public class Ed25519GroupTests
{
    static readonly EdwardsCurve Limbs = EdwardsCurve.Ed25519;
    static readonly EdwardsCurve Reference = EdwardsCurve.Ed25519Reference;
    static readonly BigInteger P = BigInteger.Pow(2, 255) - 19;

    static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    [Fact]
    public void Limbs_reference_and_bouncycastle_agree_on_keys_and_signatures()
    {
        var random = new Random(255);
        for (var i = 0; i < 12; i++)
        {
            var seed = RandomBytes(random, 32);
            var message = RandomBytes(random, random.Next(0, 300));
            var bcPublic = new byte[BcEd25519.PublicKeySize];
            BcEd25519.GeneratePublicKey(seed, 0, bcPublic, 0);
            Assert.Equal(bcPublic, Limbs.PublicKey(seed));
            Assert.Equal(bcPublic, Reference.PublicKey(seed));
            var bc = new byte[BcEd25519.SignatureSize];
            BcEd25519.Sign(seed, 0, message, 0, message.Length, bc, 0);
            Assert.Equal(bc, Limbs.Sign(seed, message, null));
            Assert.True(Limbs.Verify(bcPublic, message, bc, null));
            var tampered = (byte[])bc.Clone();
            tampered[random.Next(tampered.Length)] ^= (byte)(1 << random.Next(8));
            Assert.False(Limbs.Verify(bcPublic, message, tampered, null));
        }
    }

    [Fact]
    public void Agreement_on_limbs_matches_the_reference_and_is_symmetric()
    {
        var random = new Random(2551);
        for (var i = 0; i < 20; i++)
        {
            var (alice, bob) = (RandomBytes(random, 32), RandomBytes(random, 32));
            if (i == 0) (alice, bob) = (new byte[32], Enumerable.Repeat((byte)0xFF, 32).ToArray());
            var (alicePublic, bobPublic) = (Limbs.PublicKey(alice), Limbs.PublicKey(bob));
            var shared = Limbs.Agree(alice, bobPublic);
            Assert.Equal(Reference.Agree(alice, bobPublic), shared);
            Assert.Equal(shared, Limbs.Agree(bob, alicePublic));
        }
    }

    [Fact]
    public void Decoding_and_agreement_with_special_points_match_the_reference()
    {
        var seed = new byte[32];
        seed[0] = 9;
        // The identity (0, 1), the point of order 2 (0, -1), y = p and above (not canonical), and small y values,
        // some on the curve and some not, with both signs.
        var points = new List<byte[]> { Encoded(1, false), Encoded(P - 1, false), Encoded(P - 1, true), Encoded(P, false), Encoded(P + 1, false), Encoded(BigInteger.Pow(2, 255) - 1, false) };
        for (var y = 0; y < 60; y++)
            foreach (var sign in new[] { false, true })
                points.Add(Encoded(y, sign));
        var random = new Random(2552);
        for (var i = 0; i < 40; i++) points.Add(RandomBytes(random, 32));
        foreach (var point in points)
        {
            string Outcome(EdwardsCurve curve)
            {
                try { return Convert.ToHexString(curve.Agree(seed, point)); }
                catch (ArgumentException) { return "rejected"; }
            }
            Assert.Equal(Outcome(Reference), Outcome(Limbs));
        }
        Assert.Equal(Encoded(1, false), Limbs.Agree(seed, Encoded(P - 1, false)));
        Assert.Throws<ArgumentException>(() => Limbs.Agree(seed, Encoded(P - 1, true)));
    }

    static byte[] Encoded(BigInteger y, bool xOdd)
    {
        var bytes = new byte[32];
        y.TryWriteBytes(bytes, out _, isUnsigned: true);
        if (xOdd) bytes[31] |= 0x80;
        return bytes;
    }
}
