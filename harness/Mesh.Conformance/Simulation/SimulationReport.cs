using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Mesh.Conformance.Reports.Html;

namespace Mesh.Conformance.Simulation;

/// <summary>
/// A finished simulation written for people and for tools: <c>report.json</c> (the whole result),
/// <c>throughput.svg</c> (transactions per second over the run) and a self-contained <c>report.html</c>;
/// <see cref="Summary"/> gives the few lines a log needs.
/// </summary>
public static class SimulationReport
{
    /// <summary>Step outcomes shown in the HTML; the rest stay in report.json.</summary>
    public const int HtmlOutcomeLimit = 200;

    static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    public static void WriteAll(SimulationResult result, string folder)
    {
        Directory.CreateDirectory(folder);
        var svg = ThroughputSvg(result.Throughput);
        File.WriteAllText(Path.Combine(folder, "report.json"), Json(result));
        File.WriteAllText(Path.Combine(folder, "throughput.svg"), svg);
        File.WriteAllText(Path.Combine(folder, "report.html"), Html(result, svg));
    }

    /// <summary>Verdict, digests and one line per invariant, as plain text.</summary>
    public static string Summary(SimulationResult result)
    {
        var text = new StringBuilder();
        text.Append(Verdict(result)).Append('\n');
        text.Append(Culture, $"{result.StepsRun} steps, {result.Rounds} rounds, {result.TransactionCount} transactions in {result.Elapsed.TotalSeconds:0.0} s ({result.PerSecond:0.0}/s), seed {result.Options.Seed}\n");
        text.Append($"state digest {result.StateDigest}\ntrace digest {result.TraceDigest}\n");
        foreach (var i in result.Invariants)
        {
            text.Append(i.State switch
            {
                InvariantState.Held => $"HELD {i.Name}",
                InvariantState.Broken => $"BROKEN {i.Name}{(i.FirstBrokenStep is { } step ? $" at step {step}" : "")}{(i.Detail is null ? "" : $": {i.Detail}")}",
                _ => $"NOT CHECKED {i.Name}{(i.Reason is null ? "" : $": {i.Reason}")}",
            }).Append('\n');
        }
        return text.ToString();
    }

    static string Verdict(SimulationResult result)
    {
        var broken = result.Invariants.Count(i => i.State == InvariantState.Broken);
        return broken == 0 ? "All invariants held" : $"{broken} invariant(s) broken";
    }

    public static string Json(SimulationResult result)
    {
        return JsonSerializer.Serialize(new
        {
            tool = "MeshConformance simulate",
            held = result.Held,
            options = result.Options, // a target URL is written as its string, the fault plan as its rates
            target = result.Target,
            stepsRun = result.StepsRun,
            rounds = result.Rounds,
            elapsedSeconds = Math.Round(result.Elapsed.TotalSeconds, 3),
            transactionCount = result.TransactionCount,
            perSecond = Math.Round(result.PerSecond, 1),
            stateDigest = result.StateDigest,
            traceDigest = result.TraceDigest,
            entries = result.Entries,
            connectedDevices = result.ConnectedDevices,
            invariants = result.Invariants,
            faults = result.Faults,
            transactions = result.Transactions,
            latencies = result.Latencies,
            throughput = result.Throughput,
            outcomes = result.Outcomes,
        }, Reports.ReportJson.Options);
    }

    /// <summary>
    /// Transactions per second as bars over the run's seconds: a bar per second while they fit, otherwise
    /// seconds grouped into buckets (each bar their mean), so the SVG stays small for long runs.
    /// </summary>
    public static string ThroughputSvg(IReadOnlyList<ThroughputPoint> points)
    {
        const double width = 720, height = 300, left = 60, right = 20, top = 40, bottom = 50;
        const double plotWidth = width - left - right, plotHeight = height - top - bottom;
        const int maxBars = 240;
        static string N(double value) => value.ToString("0.##", Culture);
        static string E(string s) => WebUtility.HtmlEncode(s);

        var svg = new StringBuilder();
        svg.Append(Culture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{N(width)}\" height=\"{N(height)}\" viewBox=\"0 0 {N(width)} {N(height)}\" font-family=\"system-ui,sans-serif\" font-size=\"11\">")
            .Append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>")
            .Append(Culture, $"<text x=\"{N(width / 2)}\" y=\"22\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"600\">{E("Transactions per second")}</text>");

        var ordered = points.OrderBy(p => p.Second).ToList();
        var first = ordered.Count == 0 ? 0 : ordered[0].Second;
        var last = ordered.Count == 0 ? 0 : ordered[^1].Second;
        var span = last - first + 1;
        var bucket = Math.Max(1, (int)Math.Ceiling(span / (double)maxBars));
        // Each bar is its seconds' mean; the last bucket may hold fewer seconds than the others.
        var bars = ordered.GroupBy(p => (p.Second - first) / bucket)
            .Select(g => (Index: g.Key, Value: g.Sum(p => (double)p.Transactions) / Math.Min(bucket, span - g.Key * bucket))).ToList();
        var slots = Math.Max(1, (int)Math.Ceiling(span / (double)bucket));
        var domain = slots * bucket; // seconds the x axis spans, whole buckets
        var peak = bars.Count == 0 ? 0 : bars.Max(b => b.Value);
        var (yMax, yStep) = NiceScale(peak);

        // Horizontal grid lines with the y tick values.
        for (var y = 0.0; y <= yMax + yStep / 2; y += yStep)
        {
            var py = top + plotHeight - y / yMax * plotHeight;
            svg.Append(Culture, $"<line x1=\"{N(left)}\" y1=\"{N(py)}\" x2=\"{N(left + plotWidth)}\" y2=\"{N(py)}\" stroke=\"#e5e5e5\"/>")
                .Append(Culture, $"<text x=\"{N(left - 6)}\" y=\"{N(py + 4)}\" text-anchor=\"end\" fill=\"#444\">{N(y)}</text>");
        }

        var slotWidth = plotWidth / slots;
        foreach (var (index, value) in bars)
        {
            var barHeight = value / yMax * plotHeight;
            var gap = slotWidth > 4 ? slotWidth * 0.15 : 0;
            svg.Append(Culture, $"<rect x=\"{N(left + index * slotWidth + gap / 2)}\" y=\"{N(top + plotHeight - barHeight)}\" width=\"{N(Math.Max(slotWidth - gap, 0.5))}\" height=\"{N(barHeight)}\" fill=\"#0969da\"><title>{E(BarLabel(first + index * bucket, bucket, value))}</title></rect>");
        }

        // X ticks: about eight, on whole seconds from the run's first second.
        var secondsStep = NiceStep(domain / 8.0);
        for (var s = 0.0; s <= domain; s += secondsStep)
        {
            var px = left + s / domain * plotWidth;
            svg.Append(Culture, $"<line x1=\"{N(px)}\" y1=\"{N(top + plotHeight)}\" x2=\"{N(px)}\" y2=\"{N(top + plotHeight + 4)}\" stroke=\"#444\"/>")
                .Append(Culture, $"<text x=\"{N(px)}\" y=\"{N(top + plotHeight + 16)}\" text-anchor=\"middle\" fill=\"#444\">{N(first + s)}</text>");
        }

        svg.Append(Culture, $"<line x1=\"{N(left)}\" y1=\"{N(top)}\" x2=\"{N(left)}\" y2=\"{N(top + plotHeight)}\" stroke=\"#444\"/>")
            .Append(Culture, $"<line x1=\"{N(left)}\" y1=\"{N(top + plotHeight)}\" x2=\"{N(left + plotWidth)}\" y2=\"{N(top + plotHeight)}\" stroke=\"#444\"/>")
            .Append(Culture, $"<text x=\"{N(left + plotWidth / 2)}\" y=\"{N(height - 10)}\" text-anchor=\"middle\">{E(bucket == 1 ? "second of the run" : $"second of the run (bars of {bucket} s, mean per second)")}</text>")
            .Append(Culture, $"<text x=\"14\" y=\"{N(top + plotHeight / 2)}\" text-anchor=\"middle\" transform=\"rotate(-90 14 {N(top + plotHeight / 2)})\">transactions/s</text>");
        if (ordered.Count == 0)
            svg.Append(Culture, $"<text x=\"{N(left + plotWidth / 2)}\" y=\"{N(top + plotHeight / 2)}\" text-anchor=\"middle\" fill=\"#666\">no throughput recorded</text>");
        svg.Append("</svg>");
        return svg.ToString();
    }

    static string BarLabel(int second, int bucket, double value) => bucket == 1
        ? string.Create(Culture, $"second {second}: {value:0} transactions")
        : string.Create(Culture, $"seconds {second}–{second + bucket - 1}: {value:0.#} transactions/s");

    /// <summary>An axis top at or above <paramref name="peak"/> and a step of 1, 2 or 5 × 10ⁿ giving about five ticks.</summary>
    static (double Max, double Step) NiceScale(double peak)
    {
        if (peak <= 0) return (1, 1);
        var step = NiceStep(peak / 5);
        return (Math.Ceiling(peak / step) * step, step);
    }

    static double NiceStep(double rough)
    {
        if (rough <= 1) return 1;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var fraction = rough / magnitude;
        return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * magnitude;
    }

    public static string Html(SimulationResult result, string? throughputSvg = null)
    {
        static string Text(object? value) => Convert.ToString(value, Culture) ?? "";
        static string Ms(double value) => double.IsFinite(value) ? value.ToString("0.0", Culture) : "–";
        static Dictionary<string, object?> Fact(string name, string value, bool code = false) => new() { ["name"] = name, ["value"] = value, ["code"] = code };
        var o = result.Options;
        var broken = result.Invariants.Count(i => i.State == InvariantState.Broken);
        var outcomes = result.Transactions.Select(t => t.Outcome).Distinct().OrderBy(x => x, StringComparer.Ordinal).ToList();
        var shown = Math.Min(HtmlOutcomeLimit, result.Outcomes.Count);
        return HtmlPage.Render("simulation", "Mesh simulation report", new Dictionary<string, object?>
        {
            ["target"] = result.Target,
            ["fault"] = o.ServiceFault,
            ["broken"] = broken,
            ["banner"] = broken == 0
                ? $"All invariants held ({result.Invariants.Count(i => i.State == InvariantState.Held)} checked, {result.Invariants.Count(i => i.State == InvariantState.NotChecked)} not checked)."
                : $"{broken} invariant(s) broken.",
            ["facts"] = new List<Dictionary<string, object?>>
            {
                Fact("seed", Text(o.Seed)),
                Fact("population", $"{Text(o.Accounts)} accounts × {Text(o.DevicesPerAccount)} devices; {Text(result.ConnectedDevices)} devices connected, {Text(result.Entries)} entries at the end"),
                Fact("steps", $"{Text(result.StepsRun)} run of {Text(o.Steps)} scheduled, concurrency {Text(o.Concurrency)}"),
                Fact("rounds", Text(result.Rounds)),
                Fact("faults", Text(o.Faults)),
                Fact("encapsulation", o.Encapsulation ? "DARE" : "none"),
                Fact("elapsed", $"{result.Elapsed.TotalSeconds.ToString("0.00", Culture)} s"),
                Fact("transactions", $"{Text(result.TransactionCount)}, {result.PerSecond.ToString("0.0", Culture)} per second"),
                Fact("state digest", result.StateDigest, code: true),
                Fact("trace digest", result.TraceDigest, code: true),
            },
            ["invariants"] = result.Invariants.Select(i => new Dictionary<string, object?>
            {
                ["css"] = i.State switch { InvariantState.Held => "held", InvariantState.Broken => "broken", _ => "notchecked" },
                ["state"] = i.State == InvariantState.Held ? "HELD" : "BROKEN",
                ["name"] = i.Name, ["statement"] = i.Statement, ["checks"] = Text(i.Checks), ["violations"] = Text(i.Violations),
                ["firstBroken"] = Text(i.FirstBrokenStep), ["detail"] = i.Detail ?? i.Reason,
            }).ToList(),
            ["faults"] = result.Faults.Select(f => new Dictionary<string, object?>
            {
                ["fault"] = f.Fault, ["rate"] = f.Rate.ToString("0.###", Culture), ["injected"] = Text(f.Injected), ["chances"] = Text(f.Chances), ["notApplicable"] = Text(f.NotApplicable),
            }).ToList(),
            ["outcomes"] = outcomes,
            ["transactions"] = result.Transactions.GroupBy(t => t.Transaction).OrderBy(g => g.Key, StringComparer.Ordinal).Select(kind => new Dictionary<string, object?>
            {
                ["name"] = kind.Key,
                ["counts"] = outcomes.Select(outcome => kind.Where(t => t.Outcome == outcome).Sum(t => t.Count) is var count and > 0 ? Text(count) : "").ToList(),
                ["total"] = Text(kind.Sum(t => t.Count)),
            }).ToList(),
            ["latencies"] = result.Latencies.Select(l => new Dictionary<string, object?>
            {
                ["name"] = l.Transaction, ["count"] = Text(l.Count), ["p50"] = Ms(l.P50), ["p90"] = Ms(l.P90), ["p99"] = Ms(l.P99), ["max"] = Ms(l.Max),
            }).ToList(),
            ["svg"] = throughputSvg ?? ThroughputSvg(result.Throughput),
            ["stepsNote"] = $"The first {shown} of {result.Outcomes.Count}." + (result.Outcomes.Count > shown ? $" {result.Outcomes.Count - shown} more are in report.json." : ""),
            ["steps"] = result.Outcomes.Take(shown).Select(x => new Dictionary<string, object?>
            {
                ["step"] = Text(x.Step), ["round"] = Text(x.Round), ["kind"] = Text(x.Kind), ["actor"] = Text(x.Actor), ["outcome"] = Text(x.Outcome),
            }).ToList(),
        });
    }
}
