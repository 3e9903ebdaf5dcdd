using BenchmarkDotNet.Attributes;
using Mesh.Wire.Crypto;
using BcEd448 = Org.BouncyCastle.Math.EC.Rfc8032.Ed448;
using BcX25519 = Org.BouncyCastle.Math.EC.Rfc7748.X25519;
using BcX448 = Org.BouncyCastle.Math.EC.Rfc7748.X448;

namespace Mesh.Benchmarks;

/// <summary>
/// Our own Edwards arithmetic beside BouncyCastle for the same operation: Ed448 on limbs (EdwardsCurve.Ed448),
/// its BigInteger reference (EdwardsCurve.Ed448Reference) and BouncyCastle for sign and verify, and Edwards-curve
/// agreement beside X448 (the nearest library operation); the same agreement on Ed25519 (limbs and reference) beside
/// X25519; the GF(p) multiplication and squaring underneath. `openssl speed ed448 ecdhx448 ecdhx25519` gives the
/// third column (docs/wire.md).
/// </summary>
[MemoryDiagnoser]
public class EdwardsBenchmarks
{
    byte[] seed = null!, publicKey = null!, peer = null!, digest = null!, signature = null!;
    byte[] rfcSeed = null!, rfcPublicKey = null!;
    byte[] xPrivate = null!, xPeer = null!;
    byte[] seed25519 = null!, peer25519 = null!, x25519Private = null!, x25519Peer = null!;
    Field448 a, b;
    Field25519 a25519, b25519;

    [GlobalSetup]
    public void Setup()
    {
        var random = new SeededRandomSource("edwards-benchmarks");
        // A 56-byte seed, as seed UDFs derive: only our own arithmetic signs with it.
        seed = random.GetBytes(56);
        publicKey = EdwardsCurve.Ed448.PublicKey(seed);
        var rfcKey = KeyPair.Generate(Curve.Ed448, random);
        (rfcSeed, rfcPublicKey) = (rfcKey.PrivateKey, rfcKey.PublicKey);
        peer = KeyPair.Generate(Curve.Ed448, random).PublicKey;
        digest = random.GetBytes(64);
        signature = EdwardsCurve.Ed448.Sign(seed, publicKey, digest, []);
        var x = KeyPair.Generate(Curve.X448, random);
        xPrivate = x.PrivateKey;
        xPeer = KeyPair.Generate(Curve.X448, random).PublicKey;
        Field448.FromBytes(random.GetBytes(56), out a);
        Field448.FromBytes(random.GetBytes(56), out b);
        seed25519 = random.GetBytes(32);
        peer25519 = KeyPair.Generate(Curve.Ed25519, random).PublicKey;
        x25519Private = KeyPair.Generate(Curve.X25519, random).PrivateKey;
        x25519Peer = KeyPair.Generate(Curve.X25519, random).PublicKey;
        a25519 = Field25519.FromBytes(random.GetBytes(32));
        b25519 = Field25519.FromBytes(random.GetBytes(32));
        // Build the fixed-base tables outside the measurements.
        EdwardsCurve.Ed448Reference.PublicKey(seed);
    }

    [Benchmark(Description = "Ed448 sign, 56-byte seed: ours (limbs)")]
    public byte[] SignOurs() => EdwardsCurve.Ed448.Sign(seed, publicKey, digest, []);

    [Benchmark(Description = "Ed448 sign, 56-byte seed: BigInteger reference")]
    public byte[] SignReference() => EdwardsCurve.Ed448Reference.Sign(seed, publicKey, digest, []);

    [Benchmark(Description = "Ed448 sign, 57-byte seed: BouncyCastle, stored public key")]
    public byte[] SignBouncyCastle()
    {
        var output = new byte[BcEd448.SignatureSize];
        BcEd448.Sign(rfcSeed, 0, rfcPublicKey, 0, [], digest, 0, digest.Length, output, 0);
        return output;
    }

    [Benchmark(Description = "Ed448 verify: ours (limbs)")]
    public bool VerifyOurs() => EdwardsCurve.Ed448.Verify(publicKey, digest, signature, []);

    [Benchmark(Description = "Ed448 verify: BigInteger reference")]
    public bool VerifyReference() => EdwardsCurve.Ed448Reference.Verify(publicKey, digest, signature, []);

    [Benchmark(Description = "Ed448 verify: BouncyCastle")]
    public bool VerifyBouncyCastle() => BcEd448.Verify(signature, 0, publicKey, 0, [], digest, 0, digest.Length);

    [Benchmark(Description = "Ed448 Edwards-curve agreement: ours (limbs)")]
    public byte[] AgreeOurs() => EdwardsCurve.Ed448.Agree(seed, peer);

    [Benchmark(Description = "Ed448 Edwards-curve agreement: BigInteger reference")]
    public byte[] AgreeReference() => EdwardsCurve.Ed448Reference.Agree(seed, peer);

    [Benchmark(Description = "X448 agreement: BouncyCastle")]
    public byte[] AgreeX448()
    {
        var output = new byte[56];
        BcX448.CalculateAgreement(xPrivate, 0, xPeer, 0, output, 0);
        return output;
    }

    [Benchmark(Description = "GF(p448) multiplication")]
    public Field448 FieldMul() => Field448.Mul(a, b);

    [Benchmark(Description = "GF(p448) squaring")]
    public Field448 FieldSquare() => Field448.Square(a);

    [Benchmark(Description = "Ed25519 Edwards-curve agreement: ours (limbs)")]
    public byte[] Agree25519Ours() => EdwardsCurve.Ed25519.Agree(seed25519, peer25519);

    [Benchmark(Description = "Ed25519 Edwards-curve agreement: BigInteger reference")]
    public byte[] Agree25519Reference() => EdwardsCurve.Ed25519Reference.Agree(seed25519, peer25519);

    [Benchmark(Description = "X25519 agreement: BouncyCastle")]
    public byte[] AgreeX25519()
    {
        var output = new byte[32];
        BcX25519.CalculateAgreement(x25519Private, 0, x25519Peer, 0, output, 0);
        return output;
    }

    [Benchmark(Description = "GF(2^255-19) multiplication")]
    public Field25519 Field25519Mul() => Field25519.Mul(a25519, b25519);
}
