using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Mesh.Conformance.Scenarios;

namespace Mesh.Conformance.Drivers;

/// <summary>Verdicts of the suite.</summary>
public enum Verdict
{
    Pass,
    Fail,
    Skip,
}

/// <summary>One scenario's outcome, as the runner reads it and the reports show it.</summary>
public sealed record ScenarioResult(
    string Key,
    string Id,
    string Title,
    string Feature,
    string Spec,
    string Level,
    string Profile,
    Verdict Verdict,
    double DurationMs,
    string? Requirement = null,
    string? Expected = null,
    string? Actual = null,
    string? Message = null,
    IReadOnlyList<string>? Exchanges = null)
{
    static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static ScenarioResult Of(ScenarioInfo scenario, Verdict verdict, TimeSpan duration) => new(
        scenario.Key, scenario.Id, scenario.Title, scenario.Feature, scenario.Spec, scenario.Level.ToString().ToLowerInvariant(),
        scenario.Profile, verdict, Math.Round(duration.TotalMilliseconds, 1));

    public string ToJsonLine() => JsonSerializer.Serialize(this, Json);

    public static ScenarioResult FromJsonLine(string line) => JsonSerializer.Deserialize<ScenarioResult>(line, Json)!;

    static readonly object AppendGate = new();

    /// <summary>Appends one line to the runner's results file; scenarios running in parallel take turns.</summary>
    public void AppendTo(string path)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(ToJsonLine() + "\n");
        lock (AppendGate)
        {
            using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            file.Write(bytes);
        }
    }
}
