using System.Text;
using Mesh.Wire.Crypto;
using Mesh.Wire.Dare;
using Mesh.Wire.Json;
using Mesh.Wire.Text;

namespace Mesh.Conformance.ReferenceVectors;

/// <summary>
/// The display-form examples (Schema*, Arch*, Examples*.md: <c>"Name":value</c>, not wire bytes). Their
/// binary values decode to the same bytes, so every printed public key's UDF is recomputed, including
/// keys inside the payloads of enveloped objects, and every plaintext PayloadDigest is checked.
/// </summary>
public static class DisplayVectorChecks
{
    public static void Run(VectorSet set, CheckLog log)
    {
        foreach (var example in new[] { "Schema*.md", "Arch*.md" }.SelectMany(set.ExamplesMatching))
            log.Guard(example.Name, "file is well formed", () => CheckFile(example, log));
    }

    static void CheckFile(MarkdownExample example, CheckLog log)
    {
        for (var i = 0; i < example.Blocks.Count; i++)
        {
            WireNode node;
            try { node = WireReader.Parse(Encoding.UTF8.GetBytes(example.Blocks[i])); }
            catch (WireFormatException) { continue; } // prose, placeholders
            Walk(node, $"block {i}", example.Name, log, depth: 0);
        }
    }

    static void Walk(WireNode node, string path, string file, CheckLog log, int depth)
    {
        switch (node)
        {
            case WireObject obj:
                if (Member(obj, "UDF") is WireString udf && Member(obj, "PublicParameters") is WireObject { Members: [{ Value: WireObject parameters }] }
                    && Member(parameters, "crv") is WireString crv && Member(parameters, "Public") is WireString pub
                    && Curves.TryParse(crv.Value, out var curve))
                {
                    log.Equal(file, $"{path}.UDF == UDF(keyinfo({curve} public))", udf.Value, KeyInfo.Udf(curve, Base64Url.Decode(pub.Value)));
                }
                foreach (var (name, value) in obj.Members) Walk(value, $"{path}.{name}", file, log, depth);
                break;
            case WireArray { Items: [WireObject, WireString, ..] } array when depth < 8 && LooksLikeEnvelope(array, path):
                var envelope = DareEnvelope.Bind(array, path);
                if (envelope.Header.EncryptionAlgorithm is null)
                {
                    if (envelope.Trailer?.PayloadDigest is not null)
                    {
                        var digest = EnvelopeReader.VerifyDigest(envelope);
                        log.Claim(file, $"{path}: PayloadDigest == SHA-512(payload bytes)", digest.IsValid, digest.Reason);
                    }
                    try { Walk(WireReader.Parse(envelope.Payload), path + "[payload]", file, log, depth + 1); }
                    catch (WireFormatException) { } // a payload that is not JSON (plain text) has no keys to check
                }
                break;
            case WireArray array:
                for (var i = 0; i < array.Items.Count; i++) Walk(array.Items[i], $"{path}[{i}]", file, log, depth);
                break;
        }
    }

    static bool LooksLikeEnvelope(WireArray array, string path) =>
        array.Items.Count is 2 or 3 && array.Items[1] is WireString s && Base64Url.IsBinaryText(s.Value) && !path.EndsWith("Annotations", StringComparison.Ordinal);

    static WireNode? Member(WireObject obj, string name) => obj.Members.FirstOrDefault(m => m.Key == name).Value;
}
