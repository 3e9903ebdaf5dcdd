using BenchmarkDotNet.Attributes;
using Mesh.Wire.Crypto;
using BcEd448 = Org.BouncyCastle.Math.EC.Rfc8032.Ed448;
using BcX448 = Org.BouncyCastle.Math.EC.Rfc7748.X448;

namespace Mesh.Benchmarks;

/// <summary>
/// Our own Edwards arithmetic (EdwardsCurve) beside BouncyCastle for the same operation: Ed448 sign and verify,
/// and Edwards-curve agreement beside X448 (the nearest library operation). `openssl speed ed448 x448` gives the
/// third column (docs/wire.md).
/// </summary>
[MemoryDiagnoser]
public class EdwardsBenchmarks
{
    byte[] seed = null!, publicKey = null!, peer = null!, digest = null!, signature = null!;
    byte[] xPrivate = null!, xPeer = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new SeededRandomSource("edwards-benchmarks");
        var key = KeyPair.Generate(Curve.Ed448, random);
        (seed, publicKey) = (key.PrivateKey, key.PublicKey);
        peer = KeyPair.Generate(Curve.Ed448, random).PublicKey;
        digest = random.GetBytes(64);
        signature = key.Sign(digest);
        var x = KeyPair.Generate(Curve.X448, random);
        xPrivate = x.PrivateKey;
        xPeer = KeyPair.Generate(Curve.X448, random).PublicKey;
    }

    [Benchmark(Description = "Ed448 sign: ours")]
    public byte[] SignOurs() => EdwardsCurve.Ed448.Sign(seed, digest, []);

    [Benchmark(Description = "Ed448 sign: BouncyCastle, stored public key")]
    public byte[] SignBouncyCastle()
    {
        var output = new byte[BcEd448.SignatureSize];
        BcEd448.Sign(seed, 0, publicKey, 0, [], digest, 0, digest.Length, output, 0);
        return output;
    }

    [Benchmark(Description = "Ed448 verify: ours")]
    public bool VerifyOurs() => EdwardsCurve.Ed448.Verify(publicKey, digest, signature, []);

    [Benchmark(Description = "Ed448 verify: BouncyCastle")]
    public bool VerifyBouncyCastle() => BcEd448.Verify(signature, 0, publicKey, 0, [], digest, 0, digest.Length);

    [Benchmark(Description = "Ed448 Edwards-curve agreement: ours")]
    public byte[] AgreeOurs() => EdwardsCurve.Ed448.Agree(seed, peer);

    [Benchmark(Description = "X448 agreement: BouncyCastle")]
    public byte[] AgreeX448()
    {
        var output = new byte[56];
        BcX448.CalculateAgreement(xPrivate, 0, xPeer, 0, output, 0);
        return output;
    }
}
