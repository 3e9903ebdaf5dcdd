using System.Text;
using Mesh.Client;
using Mesh.Conformance.Scenarios;
using Mesh.Wire.Dare;
using Mesh.Wire.Json;
using Mesh.Wire.Model;

namespace Mesh.Conformance.Vectors;

/// <summary>What the suite does with vectors: compare against the recorded ones (default), rewrite them, or neither.</summary>
public enum VectorMode
{
    Compare,
    Write,
    Off,
}

/// <summary>
/// The <c>vectors/</c> folder: one file per scenario key and profile, <c>vectors/&lt;profile&gt;/&lt;key&gt;.json</c>.
/// Builds a scenario's vector from its exchanges, writes it, or compares it byte for byte with the recorded one.
/// </summary>
public sealed class VectorStore(string folder)
{
    public string Folder { get; } = folder;

    static readonly string[] Significant = ["Content-Type", "Cache-Control"];

    public string PathOf(ScenarioInfo scenario) => Path.Combine(Folder, scenario.Profile, scenario.Key + ".json");

    public static VectorFile Build(ScenarioInfo scenario, IReadOnlyList<Exchange> exchanges) => new(
        VectorFile.CurrentFormat, scenario.Key, scenario.Profile, scenario.Title, scenario.Spec,
        exchanges.Select(e => new VectorExchange(
            e.Transaction ?? TransactionOf(e.RequestBody), e.Method, e.Uri.AbsolutePath, Headers(e.RequestHeaders), VectorBody.Of(e.RequestBody),
            e.Status, Headers(e.ResponseHeaders), VectorBody.Of(e.ResponseBody),
            Envelopes(e.RequestBody, "request").Concat(Envelopes(e.ResponseBody, "response")).ToList() is { Count: > 0 } found ? found : null)).ToList());

    public void Write(VectorFile vector, ScenarioInfo scenario)
    {
        var path = PathOf(scenario);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, vector.Encode());
    }

    /// <summary>Null when the recorded vector and this run's agree byte for byte; otherwise a readable account of the first difference.</summary>
    public ConformanceFailure? Compare(VectorFile actual, ScenarioInfo scenario)
    {
        var path = PathOf(scenario);
        if (!File.Exists(path))
            return new ConformanceFailure("Every exchange with the reference service matches its recorded vector",
                $"a recorded vector at {Path.GetRelativePath(Folder, path)}", "none: run ./run-conformance.sh regenerate");
        var expected = VectorFile.Decode(File.ReadAllBytes(path));
        if (expected.Exchanges.Count != actual.Exchanges.Count)
            return new ConformanceFailure("The scenario makes the recorded exchanges", $"{expected.Exchanges.Count} exchanges", $"{actual.Exchanges.Count} exchanges");
        for (var i = 0; i < expected.Exchanges.Count; i++)
        {
            var (e, a) = (expected.Exchanges[i], actual.Exchanges[i]);
            foreach (var (what, recorded, seen) in new[] { ("request", e.Request.Bytes(), a.Request.Bytes()), ("response", e.Response.Bytes(), a.Response.Bytes()) })
            {
                if (!recorded.AsSpan().SequenceEqual(seen))
                {
                    return new ConformanceFailure($"Exchange {i + 1} ({e.Transaction}) {what} is byte-identical to the recorded vector ({ReferenceVectors.WireDiff.Describe(recorded, seen)})",
                        Reports.ExchangeText.Body(recorded), Reports.ExchangeText.Body(seen));
                }
            }
            if (e.Status != a.Status) return new ConformanceFailure($"Exchange {i + 1} ({e.Transaction}) HTTP status matches the recorded vector", e.Status.ToString(), a.Status.ToString());
            if (!e.ResponseHeaders.OrderBy(h => h.Key).SequenceEqual(a.ResponseHeaders.OrderBy(h => h.Key)))
                return new ConformanceFailure($"Exchange {i + 1} ({e.Transaction}) response headers match the recorded vector",
                    string.Join("; ", e.ResponseHeaders.Select(h => $"{h.Key}: {h.Value}")), string.Join("; ", a.ResponseHeaders.Select(h => $"{h.Key}: {h.Value}")));
        }
        return null;
    }

    static SortedDictionary<string, string> Headers(IReadOnlyList<KeyValuePair<string, string>> headers) =>
        new(headers.Where(h => Significant.Contains(h.Key, StringComparer.OrdinalIgnoreCase))
            .GroupBy(h => Significant.First(s => string.Equals(s, h.Key, StringComparison.OrdinalIgnoreCase)))
            .ToDictionary(g => g.Key, g => g.First().Value), StringComparer.Ordinal);

    static string TransactionOf(byte[] body)
    {
        try { return WireReader.Parse(body) is WireObject { Members: [var (tag, _)] } ? tag : "(untagged)"; }
        catch (WireFormatException) { return "(malformed)"; }
    }

    static IEnumerable<VectorEnvelope> Envelopes(byte[] body, string side)
    {
        // A DARE-encapsulated body is an envelope, not a tagged message: reading it as one would only throw.
        if (DareEnvelope.IsEnvelopeBody(body)) yield break;
        WireRecord message;
        try { message = WireSerializer.Decode(body); }
        catch (WireFormatException) { yield break; }
        foreach (var (path, envelope) in WireWalker.Envelopes(message, $"{side}.{WireTypes.TagOf(message.GetType())}"))
        {
            if (envelope.Header.EncryptionAlgorithm is null && Reports.ExchangeText.IsText(envelope.Payload))
                yield return new VectorEnvelope(path, Encoding.UTF8.GetString(envelope.Payload));
        }
    }
}

/// <summary>
/// Finds the suite's folders (features/, vectors/) from wherever the harness runs: the checkout's, or, for the
/// installed .NET tool, the copies it carries beside the CLI.
/// </summary>
public static class Repository
{
    public static string? Root { get; } = Find();

    static string? Find()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "MeshConformance.sln"))) return dir.FullName;
            }
        }
        return null;
    }

    /// <summary>The folder holding features/ and vectors/: the checkout, else the tool's own folder when it carries them.</summary>
    public static string? Suite { get; } = Root ?? (Directory.Exists(Path.Combine(AppContext.BaseDirectory, "features")) ? AppContext.BaseDirectory : null);

    public static string? Features => Suite is null ? null : Path.Combine(Suite, "features");

    public static string Vectors => Environment.GetEnvironmentVariable("MESH_CONFORMANCE_VECTORS_DIR") is { Length: > 0 } configured
        ? configured
        : Path.Combine(Suite ?? Environment.CurrentDirectory, "vectors");
}
