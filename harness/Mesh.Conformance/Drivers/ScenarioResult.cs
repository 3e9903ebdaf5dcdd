using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Mesh.Conformance.Scenarios;

namespace Mesh.Conformance.Drivers;

/// <summary>Graded verdicts of the suite (issue 5).</summary>
public enum Verdict
{
    /// <summary>The requirement holds.</summary>
    Pass,
    /// <summary>A MUST is broken (or, in strict mode, a SHOULD).</summary>
    Fail,
    /// <summary>A SHOULD is broken.</summary>
    Warn,
    /// <summary>A MAY is not taken up: information, not a defect.</summary>
    Info,
    /// <summary>An optional capability the target does not offer.</summary>
    Unsupported,
    /// <summary>Not applicable here; the reason says why.</summary>
    Skip,
}

/// <summary>How an outcome and a requirement level make a verdict.</summary>
public static class Verdicts
{
    /// <summary>The message prefix of a skip that means the target lacks an optional capability.</summary>
    public const string UnsupportedPrefix = "UNSUPPORTED";

    /// <param name="level">The scenario's requirement level.</param>
    /// <param name="failed">A check failed.</param>
    /// <param name="skipReason">Why the scenario did not run, or null.</param>
    /// <param name="strict">Strict mode: a broken SHOULD fails.</param>
    public static Verdict Grade(RequirementLevel level, bool failed, string? skipReason, bool strict)
    {
        if (skipReason is not null) return skipReason.StartsWith(UnsupportedPrefix, StringComparison.Ordinal) ? Verdict.Unsupported : Verdict.Skip;
        if (!failed) return Verdict.Pass;
        return level switch
        {
            RequirementLevel.Must => Verdict.Fail,
            RequirementLevel.Should => strict ? Verdict.Fail : Verdict.Warn,
            _ => Verdict.Info,
        };
    }
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
