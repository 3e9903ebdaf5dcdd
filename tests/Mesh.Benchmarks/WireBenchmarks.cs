using BenchmarkDotNet.Attributes;
using Mesh.Wire.Crypto;
using Mesh.Wire.Dare;
using Mesh.Wire.Fingerprints;
using Mesh.Wire.Messages;
using Mesh.Wire.Model;
using Mesh.Wire.Objects;

namespace Mesh.Benchmarks;

/// <summary>The wire layer's hot paths: JSON of a Hello response, UDF of 1 KiB, Ed448, envelope sign + verify.</summary>
[MemoryDiagnoser]
public class WireBenchmarks
{
    KeyPair ed448 = null!;
    KeyPair ed448Derived = null!;
    MeshHelloResponse hello = null!;
    byte[] helloJson = null!;
    byte[] kibibyte = null!;
    byte[] digest = null!;
    byte[] signature = null!;
    byte[] profile = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new SeededRandomSource("benchmarks");
        ed448 = KeyPair.Generate(Curve.Ed448, random);
        ed448Derived = KeyPair.FromSeedUdf(Udf.KeySeed(UdfKeyAlgorithm.MeshProfileMaster, random.GetBytes(16)), Curve.Ed448);
        var host = KeyPair.Generate(Curve.Ed448, random);
        profile = WireSerializer.Encode(new ProfileService { KeyOfflineSignature = ed448.ToPublicKey(), KeyAuthentication = host.ToPublicKey() });
        hello = new MeshHelloResponse
        {
            Status = 201,
            Version = new Mesh.Wire.Messages.ProtocolVersion { Major = 3, Minor = 0, Encodings = [new() { ID = ["application/json"] }] },
            EnvelopedProfileService = EnvelopeWriter.Signed(profile, ed448),
            EnvelopedProfileHost = EnvelopeWriter.Signed(WireSerializer.Encode(new ProfileHost { KeyOfflineSignature = host.ToPublicKey() }), host),
        };
        helloJson = WireSerializer.Encode(hello);
        kibibyte = random.GetBytes(1024);
        digest = random.GetBytes(64);
        signature = ed448.Sign(digest);
        var entry = EnvelopeWriter.Signed(random.GetBytes(256), ed448, new ContentMeta { UniqueID = "entry-1", Event = "New" });
        entry.Header.ContainerInfo = new ContainerInfo { Index = 1 };
        uploadJson = WireSerializer.Encode(new UploadRequest { Account = "alice@example.com", Updates = [new() { Container = "mmm_Device", Envelopes = [entry] }] });
    }

    byte[] uploadJson = null!;

    [Benchmark(Description = "JSON read: Upload request, one signed entry (parse and bind)")]
    public WireRecord ReadUpload() => WireSerializer.Decode(uploadJson);

    [Benchmark(Description = "JSON parse only: Upload request, one signed entry")]
    public object ParseUpload() => Mesh.Wire.Json.WireReader.Parse(uploadJson, null);

    [Benchmark(Description = "JSON write: Hello response")]
    public byte[] WriteHello() => WireSerializer.Encode(hello);

    [Benchmark(Description = "JSON read: Hello response")]
    public WireRecord ReadHello() => WireSerializer.Decode(helloJson);

    [Benchmark(Description = "UDF of 1 KiB (SHA-2-512, 140 bits)")]
    public string Udf1KiB() => Udf.ContentDigest(kibibyte, "application/octet-stream");

    [Benchmark(Description = "Ed448 sign (57-byte seed)")]
    public byte[] Ed448Sign() => ed448.Sign(digest);

    [Benchmark(Description = "Ed448 sign (56-byte derived seed)")]
    public byte[] Ed448SignDerived() => ed448Derived.Sign(digest);

    [Benchmark(Description = "Ed448 verify")]
    public bool Ed448Verify() => Signatures.Verify(Curve.Ed448, ed448.PublicKey, digest, signature);

    [Benchmark(Description = "Envelope sign + verify (Ed448)")]
    public bool EnvelopeSignVerify()
    {
        var envelope = EnvelopeWriter.Signed(profile, ed448);
        return EnvelopeReader.VerifySignatures(envelope, _ => (Curve.Ed448, ed448.PublicKey)).IsValid;
    }
}
