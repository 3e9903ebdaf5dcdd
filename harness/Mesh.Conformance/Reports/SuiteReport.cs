using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Mesh.Conformance.Drivers;

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
        static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Mesh conformance report</title><style>")
            .Append("body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#222;max-width:1200px}h1{margin-bottom:.2em}")
            .Append("table{border-collapse:collapse;margin:1em 0;width:100%}td,th{border-bottom:1px solid #ddd;padding:.35em .6em;text-align:left;vertical-align:top}")
            .Append("th{background:#f4f4f4}.pass{color:#1a7f37}.fail{color:#cf222e;font-weight:600}.skip,.unsupported{color:#9a6700}.warn{color:#bc4c00;font-weight:600}.info{color:#0969da}")
            .Append(".verdict{font-weight:700}.banner{padding:1em;border-radius:6px;margin:1em 0;font-size:1.1em}")
            .Append(".ok{background:#dafbe1}.bad{background:#ffebe9}pre{background:#f6f8fa;padding:.8em;overflow-x:auto;white-space:pre-wrap;word-break:break-all;font-size:12px}")
            .Append("details{margin:.3em 0}summary{cursor:pointer}.muted{color:#666}</style></head><body>");
        html.Append("<h1>Mesh Service protocol conformance</h1>")
            .Append($"<p class=\"muted\">{E(Target)} · profiles {E(string.Join(", ", Profiles))} · {Started:yyyy-MM-dd HH:mm} UTC · {Duration.TotalSeconds:0.0} s · {ScenariosPerSecond:0.0} scenarios/s</p>");
        var s = Summary;
        var counts = $"{s.Passed} passed, {s.Failed} failed, {s.Warned} warnings, {s.Informational} informational, {s.Unsupported} unsupported, {s.Skipped} skipped.";
        html.Append(Conforms
            ? $"<div class=\"banner ok\">Conforms: no requirement failed{(Baseline is null ? "" : " beyond the baseline")}. {counts}</div>"
            : $"<div class=\"banner bad\">Does not conform: {CountedFailures.Count} failure(s){(Baseline?.Stale.Count > 0 ? $", {Baseline.Stale.Count} stale baseline entr(ies)" : "")}. {counts}</div>");
        html.Append("<h2>By feature</h2><table><tr><th>feature</th><th>pass</th><th>fail</th><th>warn</th><th>info</th><th>unsupported</th><th>skip</th></tr>");
        foreach (var f in Features)
            html.Append($"<tr><td>{E(f.Name)}</td><td class=\"pass\">{f.Passed}</td><td class=\"{(f.Failed > 0 ? "fail" : "")}\">{f.Failed}</td><td class=\"warn\">{f.Warned}</td><td class=\"info\">{f.Informational}</td><td class=\"unsupported\">{f.Unsupported}</td><td class=\"skip\">{f.Skipped}</td></tr>");
        html.Append("</table>");
        if (Baseline?.Stale.Count > 0)
            html.Append($"<h2>Stale baseline entries</h2><p>Listed as expected failures, but they passed: {E(string.Join(", ", Baseline.Stale))}</p>");
        var failures = Scenarios.Where(r => r.Verdict is Verdict.Fail or Verdict.Warn or Verdict.Info).ToList();
        if (failures.Count > 0)
        {
            html.Append("<h2>Failures</h2>");
            foreach (var f in failures)
            {
                html.Append($"<h3 class=\"{f.Verdict.ToString().ToLowerInvariant()}\">{f.Verdict.ToString().ToUpperInvariant()} {E(f.Key)} <span class=\"muted\">[{E(f.Profile)}] §{E(f.Spec)} {E(f.Level.ToUpperInvariant())}{(Baseline?.Expects(f) == true ? " · expected (baseline)" : "")}</span></h3><p>{E(f.Title)}</p>");
                if (f.Requirement is not null)
                    html.Append($"<p style=\"white-space:pre-wrap\"><b>Requirement:</b> {E(f.Requirement)}</p>{(f.Source is null ? "" : $"<p><b>Judged by:</b> {E(f.SourceLabel)}</p>")}<table><tr><th>expected</th><th>actual</th></tr><tr><td><pre>{E(f.Expected)}</pre></td><td><pre>{E(f.Actual)}</pre></td></tr></table>");
                else html.Append($"<pre>{E(f.Message)}</pre>");
                if (Traces) html.Append($"<p><a href=\"traces/{E(f.Profile)}/{E(f.Key)}/\">trace folder</a> <span class=\"muted\">trace.json, exchange-N.txt</span></p>");
                var number = 0;
                foreach (var exchange in f.Exchanges ?? [])
                    html.Append($"<details><summary>exchange {++number}: {E(exchange.Split('\n')[0])}</summary><pre>{E(exchange)}</pre></details>");
            }
        }
        html.Append("<h2>All scenarios</h2><table><tr><th>verdict</th><th>scenario</th><th>profile</th><th>§</th><th>level</th><th>judged by</th><th>requirement</th><th>ms</th></tr>");
        foreach (var r in Scenarios.OrderBy(r => r.Feature, StringComparer.Ordinal).ThenBy(r => r.Key, StringComparer.Ordinal))
        {
            var css = r.Verdict.ToString().ToLowerInvariant();
            html.Append($"<tr><td class=\"verdict {css}\">{r.Verdict.ToString().ToUpperInvariant()}</td><td>{E(r.Key)}</td><td>{E(r.Profile)}</td><td>{E(r.Spec)}</td><td>{E(r.Level.ToUpperInvariant())}</td><td>{E(r.SourceLabel)}</td><td>{E(r.Title)}{(r.Verdict is Verdict.Skip or Verdict.Unsupported ? $"<br><span class=\"muted\">{E(r.Message)}</span>" : "")}</td><td>{r.DurationMs:0}</td></tr>");
        }
        html.Append("</table></body></html>\n");
        return html.ToString();
    }
}
