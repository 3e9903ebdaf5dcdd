using System.Text;
using Mesh.Wire.Crypto;
using Mesh.Wire.Dare;
using Mesh.Wire.Json;
using Mesh.Wire.Model;
using Mesh.Wire.Objects;

namespace Mesh.Conformance.ReferenceVectors;

/// <summary>
/// The wire-form examples (Protocol*.md): each block is read into the typed model and written back
/// byte for byte; each envelope's payload likewise; every key UDF is recomputed; every PayloadDigest is
/// the SHA-512 of the payload as carried; every signature verifies with the key its kid names.
/// </summary>
public static class ProtocolVectorChecks
{
    public static void Run(VectorSet set, CheckLog log)
    {
        var files = set.ExamplesMatching("Protocol*.md").ToList();
        if (files.Count == 0) log.Claim("Protocol*.md", "wire-form examples present", false, $"none in {set.Examples}");
        foreach (var example in files) log.Guard(example.Name, "file is well formed", () => CheckFile(example, log));
    }

    static void CheckFile(MarkdownExample example, CheckLog log)
    {
        var keys = new Dictionary<string, (Curve, byte[])>(StringComparer.OrdinalIgnoreCase);
        var signed = new List<(string Label, DareEnvelope Envelope)>();
        for (var i = 0; i < example.Blocks.Count; i++)
        {
            var bytes = Encoding.UTF8.GetBytes(example.Blocks[i]);
            try { WireReader.Parse(bytes); }
            catch (WireFormatException) { continue; } // prose or an empty fence, not a wire message
            var label = $"block {i}";
            log.Guard(example.Name, $"{label}: reads as a tagged message", () =>
            {
                var message = WireSerializer.Decode(bytes);
                var tag = WireTypes.TagOf(message.GetType());
                Exact(example.Name, $"{label} ({tag}): text == re-serialisation of the typed message", bytes, WireSerializer.Encode(message), log);
                foreach (var (path, envelope) in WireWalker.Envelopes(message, tag))
                    CheckEnvelope(example.Name, $"{label} {path}", envelope, keys, signed, log);
            });
        }
        foreach (var (label, envelope) in signed)
        {
            var result = EnvelopeReader.VerifySignatures(envelope, kid => keys.TryGetValue(kid, out var key) ? key : null);
            var signers = string.Join(", ", envelope.Trailer!.Signatures!.Select(s => s.KeyIdentifier));
            var curve = envelope.Trailer.Signatures!.Select(s => s.KeyIdentifier is { } k && keys.TryGetValue(k, out var key) ? key.Item1.ToString() : "unknown-key").First();
            log.Claim(example.Name, $"{label}: {curve} signature by {signers} verifies over the 64-byte PayloadDigest", result.IsValid, result.Reason);
        }
    }

    static void CheckEnvelope(string file, string label, DareEnvelope envelope,
        Dictionary<string, (Curve, byte[])> keys, List<(string, DareEnvelope)> signed, CheckLog log)
    {
        if (envelope.Header.EncryptionAlgorithm is null)
        {
            var payload = WireSerializer.Decode(envelope.Payload);
            Exact(file, $"{label}: payload bytes == re-serialisation of its {WireTypes.TagOf(payload.GetType())}", envelope.Payload,
                WireSerializer.Encode(payload), log);
            foreach (var (path, record) in WireWalker.Descendants(payload))
            {
                if (record is not PublicKey { PublicParameters: PublicKeyECDH { Public: { } raw } parameters } key) continue;
                var curve = Curves.Parse(parameters.Curve);
                var computed = KeyInfo.Udf(curve, raw);
                log.Equal(file, $"{label} {path}.UDF == UDF(keyinfo({curve} public))", key.UDF ?? "(none)", computed);
                keys[computed] = (curve, raw);
            }
        }
        if (envelope.Trailer is null) return;
        var digest = EnvelopeReader.VerifyDigest(envelope);
        log.Claim(file, $"{label}: PayloadDigest == SHA-512(payload bytes)", digest.IsValid, digest.Reason);
        if (envelope.Trailer.Signatures is { Count: > 0 }) signed.Add((label, envelope));
    }

    static void Exact(string file, string claim, byte[] expected, byte[] actual, CheckLog log) =>
        log.Claim(file, claim, expected.AsSpan().SequenceEqual(actual), WireDiff.Describe(expected, actual));
}
