using System.Text;
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

/// <summary>Why a scenario stopped before its checks: it does not apply here, or the target lacks an optional capability.</summary>
public enum NotRunKind
{
    NotApplicable,
    Unsupported,
}

/// <summary>A scenario that did not run, and why, in words for the report.</summary>
public sealed record NotRun(NotRunKind Kind, string Reason);

/// <summary>How an outcome and a requirement level make a verdict.</summary>
public static class Verdicts
{
    /// <param name="level">The scenario's requirement level.</param>
    /// <param name="failed">A check failed.</param>
    /// <param name="notRun">Why the scenario did not run, or null.</param>
    /// <param name="strict">Strict mode: a broken SHOULD fails.</param>
    public static Verdict Grade(RequirementLevel level, bool failed, NotRun? notRun, bool strict)
    {
        if (notRun is not null) return notRun.Kind == NotRunKind.Unsupported ? Verdict.Unsupported : Verdict.Skip;
        if (!failed) return Verdict.Pass;
        return level switch
        {
            RequirementLevel.Must => Verdict.Fail,
            RequirementLevel.Should => strict ? Verdict.Fail : Verdict.Warn,
            _ => Verdict.Info,
        };
    }

    /// <summary>
    /// The grading table (docs/verdicts.md): a broken draft MUST (or SHALL, REQUIRED, a transaction's definition) fails,
    /// a SHOULD warns (fails when strict), a MAY informs; a decision read otherwise warns (fails when strict; a MAY
    /// informs); the author's behaviour fails in the reference profile and informs in draft-03.
    /// </summary>
    /// <param name="source">The requirement the failed check (or the scenario) is judged by.</param>
    /// <param name="scenarioLevel">The scenario's own level: a MAY scenario never fails on a decision.</param>
    /// <param name="profile">The profile the scenario ran in.</param>
    /// <param name="failed">A check failed.</param>
    /// <param name="notRun">Why the scenario did not run, or null.</param>
    /// <param name="strict">Strict mode: a broken SHOULD or decision fails.</param>
    public static Verdict Grade(VerdictSource source, RequirementLevel scenarioLevel, string profile, bool failed, NotRun? notRun, bool strict)
    {
        if (notRun is not null || !failed) return Grade(RequirementLevel.Must, failed, notRun, strict);
        var level = source.Level.ToUpperInvariant();
        return source.Kind switch
        {
            SourceKind.Draft when level is "MAY" or "OPTIONAL" => Verdict.Info,
            SourceKind.Draft when level.StartsWith("SHOULD", StringComparison.Ordinal) || level == "RECOMMENDED" => strict ? Verdict.Fail : Verdict.Warn,
            SourceKind.Draft => Verdict.Fail,
            SourceKind.Decision when level == "MAY" || scenarioLevel == RequirementLevel.May => Verdict.Info,
            SourceKind.Decision => strict ? Verdict.Fail : Verdict.Warn,
            _ => profile == "reference" ? Verdict.Fail : Verdict.Info,
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
    IReadOnlyList<string>? Exchanges = null,
    SourceKind? Source = null,
    string? RequirementId = null,
    string? Decision = null,
    string? Quote = null,
    string? Reading = null)
{
    /// <summary>The same result judged by <paramref name="source"/>: its kind, id, decision and quoted sentence.</summary>
    public ScenarioResult JudgedBy(VerdictSource source) =>
        this with { Source = source.Kind, RequirementId = source.RequirementId, Decision = source.Decision, Quote = source.Quote };

    /// <summary>Where the requirement comes from, for the reports: "draft §4.4 MUST", "decision A14", "reference".</summary>
    public string SourceLabel => Source switch
    {
        SourceKind.Draft => $"draft [{RequirementId}]",
        SourceKind.Decision => $"decision {Decision} [{RequirementId}]",
        SourceKind.Reference => $"reference [{RequirementId}]",
        _ => "",
    };

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
        var bytes = Encoding.UTF8.GetBytes(ToJsonLine() + "\n");
        lock (AppendGate)
        {
            using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            file.Write(bytes);
        }
    }
}
