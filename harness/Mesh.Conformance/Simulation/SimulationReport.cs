using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

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
        static string E(object? s) => WebUtility.HtmlEncode(Convert.ToString(s, Culture) ?? "");
        static string Ms(double value) => double.IsFinite(value) ? value.ToString("0.0", Culture) : "–";
        var o = result.Options;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Mesh simulation report</title><style>")
            .Append("body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#222;max-width:1200px}h1{margin-bottom:.2em}")
            .Append("table{border-collapse:collapse;margin:1em 0;width:100%}td,th{border-bottom:1px solid #ddd;padding:.35em .6em;text-align:left;vertical-align:top}")
            .Append("th{background:#f4f4f4}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}")
            .Append("tr.broken td{background:#ffebe9;color:#a40e26}tr.notchecked td{color:#888;background:#f6f6f6}span.held{color:#1a7f37;font-weight:600}span.broken{font-weight:700}")
            .Append(".banner{padding:1em;border-radius:6px;margin:1em 0;font-size:1.1em}.ok{background:#dafbe1}.bad{background:#ffebe9}")
            .Append("dl{display:grid;grid-template-columns:max-content auto;gap:.2em 1.2em}dt{color:#666}dd{margin:0}code{font-size:12px;word-break:break-all}.muted{color:#666}")
            .Append("</style></head><body>");
        html.Append("<h1>Mesh simulation</h1>")
            .Append($"<p class=\"muted\">{E(result.Target)}{(o.ServiceFault is null ? "" : $" · service fault {E(o.ServiceFault)}")}</p>");
        var broken = result.Invariants.Count(i => i.State == InvariantState.Broken);
        html.Append(broken == 0
            ? $"<div class=\"banner ok\">All invariants held ({result.Invariants.Count(i => i.State == InvariantState.Held)} checked, {result.Invariants.Count(i => i.State == InvariantState.NotChecked)} not checked).</div>"
            : $"<div class=\"banner bad\">{broken} invariant(s) broken.</div>");

        html.Append("<dl>")
            .Append($"<dt>seed</dt><dd>{E(o.Seed)}</dd>")
            .Append($"<dt>population</dt><dd>{E(o.Accounts)} accounts × {E(o.DevicesPerAccount)} devices; {E(result.ConnectedDevices)} devices connected, {E(result.Entries)} entries at the end</dd>")
            .Append($"<dt>steps</dt><dd>{E(result.StepsRun)} run of {E(o.Steps)} scheduled, concurrency {E(o.Concurrency)}</dd>")
            .Append($"<dt>rounds</dt><dd>{E(result.Rounds)}</dd>")
            .Append($"<dt>faults</dt><dd>{E(o.Faults)}</dd>")
            .Append($"<dt>encapsulation</dt><dd>{(o.Encapsulation ? "DARE" : "none")}</dd>")
            .Append($"<dt>elapsed</dt><dd>{E(result.Elapsed.TotalSeconds.ToString("0.00", Culture))} s</dd>")
            .Append($"<dt>transactions</dt><dd>{E(result.TransactionCount)}, {E(result.PerSecond.ToString("0.0", Culture))} per second</dd>")
            .Append($"<dt>state digest</dt><dd><code>{E(result.StateDigest)}</code></dd>")
            .Append($"<dt>trace digest</dt><dd><code>{E(result.TraceDigest)}</code></dd>")
            .Append("</dl>");

        html.Append("<h2>Invariants</h2><table><tr><th>invariant</th><th>statement</th><th>state</th><th class=\"n\">checks</th><th class=\"n\">violations</th><th class=\"n\">first broken step</th><th>detail</th></tr>");
        foreach (var i in result.Invariants)
        {
            var (row, state) = i.State switch
            {
                InvariantState.Held => ("held", "<span class=\"held\">HELD</span>"),
                InvariantState.Broken => ("broken", "<span class=\"broken\">BROKEN</span>"),
                _ => ("notchecked", "NOT CHECKED"),
            };
            html.Append($"<tr class=\"{row}\"><td>{E(i.Name)}</td><td>{E(i.Statement)}</td><td>{state}</td><td class=\"n\">{E(i.Checks)}</td><td class=\"n\">{E(i.Violations)}</td><td class=\"n\">{E(i.FirstBrokenStep)}</td><td>{E(i.Detail ?? i.Reason)}</td></tr>");
        }
        html.Append("</table>");

        html.Append("<h2>Faults</h2>");
        if (result.Faults.Count == 0) html.Append("<p class=\"muted\">No faults injected.</p>");
        else
        {
            html.Append("<table><tr><th>fault</th><th class=\"n\">rate</th><th class=\"n\">injected / chances</th><th>not applicable</th></tr>");
            foreach (var f in result.Faults)
                html.Append($"<tr><td>{E(f.Fault)}</td><td class=\"n\">{E(f.Rate.ToString("0.###", Culture))}</td><td class=\"n\">{E(f.Injected)} / {E(f.Chances)}</td><td>{E(f.NotApplicable)}</td></tr>");
            html.Append("</table>");
        }

        html.Append("<h2>Transactions</h2>");
        var outcomes = result.Transactions.Select(t => t.Outcome).Distinct().OrderBy(x => x, StringComparer.Ordinal).ToList();
        if (result.Transactions.Count == 0) html.Append("<p class=\"muted\">No transactions.</p>");
        else
        {
            html.Append("<table><tr><th>transaction</th>");
            foreach (var outcome in outcomes) html.Append($"<th class=\"n\">{E(outcome)}</th>");
            html.Append("<th class=\"n\">total</th></tr>");
            foreach (var kind in result.Transactions.GroupBy(t => t.Transaction).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                html.Append($"<tr><td>{E(kind.Key)}</td>");
                foreach (var outcome in outcomes)
                {
                    var count = kind.Where(t => t.Outcome == outcome).Sum(t => t.Count);
                    html.Append($"<td class=\"n\">{(count == 0 ? "" : E(count))}</td>");
                }
                html.Append($"<td class=\"n\">{E(kind.Sum(t => t.Count))}</td></tr>");
            }
            html.Append("</table>");
        }

        html.Append("<h2>Latency</h2>");
        if (result.Latencies.Count == 0) html.Append("<p class=\"muted\">No latencies recorded.</p>");
        else
        {
            html.Append("<table><tr><th>transaction</th><th class=\"n\">count</th><th class=\"n\">p50 ms</th><th class=\"n\">p90 ms</th><th class=\"n\">p99 ms</th><th class=\"n\">max ms</th></tr>");
            foreach (var l in result.Latencies)
                html.Append($"<tr><td>{E(l.Transaction)}</td><td class=\"n\">{E(l.Count)}</td><td class=\"n\">{Ms(l.P50)}</td><td class=\"n\">{Ms(l.P90)}</td><td class=\"n\">{Ms(l.P99)}</td><td class=\"n\">{Ms(l.Max)}</td></tr>");
            html.Append("</table>");
        }

        html.Append("<h2>Throughput</h2>").Append(throughputSvg ?? ThroughputSvg(result.Throughput));

        if (result.Outcomes.Count > 0)
        {
            var shown = Math.Min(HtmlOutcomeLimit, result.Outcomes.Count);
            html.Append($"<h2>Step outcomes</h2><p class=\"muted\">The first {E(shown)} of {E(result.Outcomes.Count)}.")
                .Append(result.Outcomes.Count > shown ? $" {E(result.Outcomes.Count - shown)} more are in report.json.</p>" : "</p>")
                .Append("<table><tr><th class=\"n\">step</th><th class=\"n\">round</th><th>kind</th><th>actor</th><th>outcome</th></tr>");
            foreach (var s in result.Outcomes.Take(shown))
                html.Append($"<tr><td class=\"n\">{E(s.Step)}</td><td class=\"n\">{E(s.Round)}</td><td>{E(s.Kind)}</td><td>{E(s.Actor)}</td><td>{E(s.Outcome)}</td></tr>");
            html.Append("</table>");
        }
        html.Append("</body></html>\n");
        return html.ToString();
    }
}
