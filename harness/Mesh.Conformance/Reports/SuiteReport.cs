using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Mesh.Conformance.Drivers;
using Mesh.Conformance.Reports.Html;

namespace Mesh.Conformance.Reports;

/// <summary>Counts for one feature (or the whole run), by verdict.</summary>
public sealed record Tally(string Name, int Passed, int Failed, int Warned, int Informational, int Unsupported, int Skipped)
{
    public int Total => Passed + Failed + Warned + Informational + Unsupported + Skipped;

    public static Tally Of(string name, IEnumerable<ScenarioResult> results)
    {
        var list = results.ToList();
        int Count(Verdict verdict) => list.Count(r => r.Verdict == verdict);
        return new Tally(name, Count(Verdict.Pass), Count(Verdict.Fail), Count(Verdict.Warn), Count(Verdict.Info), Count(Verdict.Unsupported), Count(Verdict.Skip));
    }
}

/// <summary>
/// A finished run: the scenario results and what they add up to, written as <c>report.json</c>,
/// <c>junit.xml</c> and a self-contained <c>report.html</c>. A baseline, when given, names the failures
/// expected: those do not count against conformance, and a listed scenario that passes is a stale entry.
/// With <c>Traces</c>, the report folder holds the runner's <c>traces/</c> and the HTML links each failure to its own.
/// </summary>
public sealed record SuiteReport(string Target, IReadOnlyList<string> Profiles, DateTimeOffset Started, TimeSpan Duration,
    IReadOnlyList<ScenarioResult> Scenarios, BaselineCheck? Baseline = null, bool Traces = false)
{
    public Tally Summary => Tally.Of("all", Scenarios);
    public IReadOnlyList<Tally> Features => Scenarios.GroupBy(s => s.Feature).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Tally.Of(g.Key, g)).ToList();
    public double ScenariosPerSecond => Duration.TotalSeconds <= 0 ? 0 : Scenarios.Count / Duration.TotalSeconds;

    /// <summary>The failures that count: every FAIL, less those the baseline expects.</summary>
    public IReadOnlyList<ScenarioResult> CountedFailures => Scenarios.Where(s => s.Verdict == Verdict.Fail && Baseline?.Expects(s) != true).ToList();

    public bool Conforms => CountedFailures.Count == 0 && (Baseline?.Stale.Count ?? 0) == 0;

    public void WriteAll(string folder)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "report.json"), Json());
        File.WriteAllText(Path.Combine(folder, "junit.xml"), JUnit());
        File.WriteAllText(Path.Combine(folder, "report.html"), Html());
    }

    public string Json()
    {
        return JsonSerializer.Serialize(new
        {
            tool = "MeshConformance",
            target = Target,
            profiles = Profiles,
            started = Started.ToString("O", CultureInfo.InvariantCulture),
            durationSeconds = Math.Round(Duration.TotalSeconds, 2),
            scenariosPerSecond = Math.Round(ScenariosPerSecond, 1),
            conforms = Conforms,
            summary = Summary,
            baseline = Baseline is null ? null : new { expectedFailures = Baseline.Entries.Count, stale = Baseline.Stale, unexpectedFailures = CountedFailures.Select(f => BaselineCheck.KeyOf(f)) },
            features = Features,
            scenarios = Scenarios,
        }, ReportJson.Options);
    }

    public string JUnit()
    {
        var suites = new XElement("testsuites",
            new XAttribute("name", "MeshConformance"), new XAttribute("tests", Summary.Total), new XAttribute("failures", Summary.Failed),
            new XAttribute("skipped", Summary.Skipped), new XAttribute("time", Seconds(Duration.TotalMilliseconds)));
        foreach (var feature in Scenarios.GroupBy(s => s.Feature).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var tally = Tally.Of(feature.Key, feature);
            var suite = new XElement("testsuite", new XAttribute("name", feature.Key), new XAttribute("tests", tally.Total),
                new XAttribute("failures", tally.Failed), new XAttribute("skipped", tally.Skipped),
                new XAttribute("time", Seconds(feature.Sum(s => s.DurationMs))));
            foreach (var s in feature)
            {
                var testcase = new XElement("testcase", new XAttribute("classname", $"{s.Feature} [{s.Profile}]"),
                    new XAttribute("name", $"{s.Key} (§{s.Spec}, {s.Level.ToUpperInvariant()}): {s.Title}"), new XAttribute("time", Seconds(s.DurationMs)));
                switch (s.Verdict)
                {
                    case Verdict.Fail when Baseline?.Expects(s) != true:
                        testcase.Add(new XElement("failure", new XAttribute("message", s.Requirement ?? s.Message ?? "failed"), FailureText(s)));
                        break;
                    case Verdict.Fail:
                        testcase.Add(new XElement("skipped", new XAttribute("message", "expected failure (baseline)")), new XElement("system-out", FailureText(s)));
                        break;
                    case Verdict.Warn or Verdict.Info:
                        testcase.Add(new XElement("system-out", $"{s.Verdict.ToString().ToUpperInvariant()}: {FailureText(s)}"));
                        break;
                    case Verdict.Skip or Verdict.Unsupported:
                        testcase.Add(new XElement("skipped", new XAttribute("message", s.Message ?? s.Verdict.ToString())));
                        break;
                }
                suite.Add(testcase);
            }
            suites.Add(suite);
        }
        return new XDocument(new XDeclaration("1.0", "utf-8", null), suites).ToString();
    }

    public static string FailureText(ScenarioResult s)
    {
        var text = new StringBuilder();
        text.Append($"Scenario {s.Key} [{s.Profile}] — draft §{s.Spec}, {s.Level.ToUpperInvariant()}\n{s.Title}\n");
        if (s.Source is not null) text.Append($"Judged by: {s.SourceLabel}{(s.Reading is null ? "" : $"; the target's reading: {s.Reading}")}\n");
        if (s.Requirement is not null) text.Append($"\nRequirement: {s.Requirement}\nExpected:\n{s.Expected}\nActual:\n{s.Actual}\n");
        else if (s.Message is not null) text.Append($"\n{s.Message}\n");
        foreach (var exchange in s.Exchanges ?? []) text.Append("\n--- exchange ---\n").Append(exchange);
        return text.ToString();
    }

    static string Seconds(double milliseconds) => (milliseconds / 1000).ToString("0.000", CultureInfo.InvariantCulture);

    public string Html()
    {
        var s = Summary;
        var counts = $"{s.Passed} passed, {s.Failed} failed, {s.Warned} warnings, {s.Informational} informational, {s.Unsupported} unsupported, {s.Skipped} skipped.";
        static string Upper(Verdict verdict) => verdict.ToString().ToUpperInvariant();
        static string Css(Verdict verdict) => verdict.ToString().ToLowerInvariant();
        return HtmlPage.Render("suite", "Mesh conformance report", new Dictionary<string, object?>
        {
            ["target"] = Target,
            ["profiles"] = string.Join(", ", Profiles),
            ["started"] = Started.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            ["seconds"] = Duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture),
            ["rate"] = ScenariosPerSecond.ToString("0.0", CultureInfo.InvariantCulture),
            ["conforms"] = Conforms,
            ["banner"] = Conforms
                ? $"Conforms: no requirement failed{(Baseline is null ? "" : " beyond the baseline")}. {counts}"
                : $"Does not conform: {CountedFailures.Count} failure(s){(Baseline?.Stale.Count > 0 ? $", {Baseline.Stale.Count} stale baseline entr(ies)" : "")}. {counts}",
            ["features"] = Features.Select(f => new Dictionary<string, object?>
            {
                ["name"] = f.Name, ["passed"] = f.Passed, ["failed"] = f.Failed, ["warned"] = f.Warned,
                ["informational"] = f.Informational, ["unsupported"] = f.Unsupported, ["skipped"] = f.Skipped,
            }).ToList(),
            ["stale"] = Baseline?.Stale.Count > 0 ? string.Join(", ", Baseline.Stale) : null,
            ["failures"] = Scenarios.Where(r => r.Verdict is Verdict.Fail or Verdict.Warn or Verdict.Info).Select(f => new Dictionary<string, object?>
            {
                ["css"] = Css(f.Verdict), ["verdict"] = Upper(f.Verdict), ["key"] = f.Key, ["profile"] = f.Profile, ["spec"] = f.Spec,
                ["level"] = f.Level.ToUpperInvariant(), ["baseline"] = Baseline?.Expects(f) == true ? " · expected (baseline)" : null,
                ["title"] = f.Title, ["requirement"] = f.Requirement, ["judgedBy"] = f.Source is null ? null : f.SourceLabel,
                ["expected"] = f.Expected, ["actual"] = f.Actual, ["message"] = f.Message,
                ["trace"] = Traces ? $"traces/{f.Profile}/{f.Key}/" : null,
                ["exchanges"] = (f.Exchanges ?? []).Select(e => new Dictionary<string, object?> { ["summary"] = e.Split('\n')[0], ["text"] = e }).ToList(),
            }).ToList(),
            ["scenarios"] = Scenarios.OrderBy(r => r.Feature, StringComparer.Ordinal).ThenBy(r => r.Key, StringComparer.Ordinal).Select(r => new Dictionary<string, object?>
            {
                ["css"] = Css(r.Verdict), ["verdict"] = Upper(r.Verdict), ["key"] = r.Key, ["profile"] = r.Profile, ["spec"] = r.Spec,
                ["level"] = r.Level.ToUpperInvariant(), ["judgedBy"] = r.SourceLabel, ["title"] = r.Title,
                ["reason"] = r.Verdict is Verdict.Skip or Verdict.Unsupported ? r.Message : null,
                ["ms"] = r.DurationMs.ToString("0", CultureInfo.InvariantCulture),
            }).ToList(),
        });
    }
}
