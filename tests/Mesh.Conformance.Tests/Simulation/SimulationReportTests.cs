using System.Text.Json;
using System.Xml.Linq;
using Mesh.Conformance.Simulation;

namespace Mesh.Conformance.Tests.Simulation;

/// <summary>The simulation's report files, from a result built by hand.</summary>
public class SimulationReportTests
{
    static SimulationResult Result(IReadOnlyList<ThroughputPoint>? throughput = null, int outcomes = 3) => new(
        new SimulationOptions { Seed = 42, Steps = 300, Faults = FaultPlan.Parse("drop-request=0.1,restart"), ServiceFault = "skip-index-check" },
        "embedded (memory store)", 300, 12, TimeSpan.FromSeconds(2.5), "STATE-DIGEST-1", "TRACE-DIGEST-2", 917, 11,
        [new("Upload", "Accept", 200), new("Upload", "Conflict", 7), new("Status", "Accept", 93)],
        [new("Upload", 207, 1.2, 3.4, 9.9, 12.5), new("Status", 93, 0.5, 0.9, 1.5, 2)],
        throughput ?? [new(0, 120), new(1, 130), new(2, 50)],
        [new(SimFaults.DropRequest, 0.1, 30, 300), new(SimFaults.Restart, 0.02, 0, 0, "the memory store cannot restart")],
        [
            new("index-dense", "every container's indexes run 0..n-1 without gaps", InvariantState.Held, 300, 0),
            new("no-lost-upload", "an accepted upload is in the container afterwards", InvariantState.Broken, 300, 2,
                FirstBrokenStep: 137, Detail: "entry 5 of <script>alert(1)</script> missing"),
            new("dns-consistent", "discovery agrees with the service", InvariantState.NotChecked, 0, 0, Reason: "no DNS fault on"),
        ],
        Enumerable.Range(0, outcomes).Select(i => new StepOutcome(i, i / 25, "Upload", $"device{i % 3}", "Accept")).ToList());

    static string Folder() => Path.Combine(Path.GetTempPath(), "simreport-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void WriteAll_writes_json_html_and_svg()
    {
        var folder = Folder();
        SimulationReport.WriteAll(Result(), folder);
        Assert.True(File.Exists(Path.Combine(folder, "report.json")));
        Assert.True(File.Exists(Path.Combine(folder, "report.html")));
        Assert.True(File.Exists(Path.Combine(folder, "throughput.svg")));
        Directory.Delete(folder, true);
    }

    [Fact]
    public void Json_holds_the_invariant_states_the_digests_and_the_derived_figures()
    {
        using var json = JsonDocument.Parse(SimulationReport.Json(Result()));
        var root = json.RootElement;
        Assert.False(root.GetProperty("held").GetBoolean());
        Assert.Equal("STATE-DIGEST-1", root.GetProperty("stateDigest").GetString());
        Assert.Equal("TRACE-DIGEST-2", root.GetProperty("traceDigest").GetString());
        Assert.Equal(300, root.GetProperty("transactionCount").GetInt32());
        Assert.Equal(120, root.GetProperty("perSecond").GetDouble());
        Assert.Equal(2.5, root.GetProperty("elapsedSeconds").GetDouble());
        Assert.Equal(42, root.GetProperty("options").GetProperty("seed").GetInt32());
        Assert.Equal(0.1, root.GetProperty("options").GetProperty("faults").GetProperty("rates").GetProperty("drop-request").GetDouble());
        Assert.False(root.GetProperty("options").TryGetProperty("target", out _)); // null, omitted
        var states = root.GetProperty("invariants").EnumerateArray().Select(i => (i.GetProperty("name").GetString(), i.GetProperty("state").GetString())).ToList();
        Assert.Equal([("index-dense", "held"), ("no-lost-upload", "broken"), ("dns-consistent", "notChecked")], states);
        Assert.Equal(137, root.GetProperty("invariants")[1].GetProperty("firstBrokenStep").GetInt32());
        Assert.Equal("the memory store cannot restart", root.GetProperty("faults")[1].GetProperty("notApplicable").GetString());
    }

    [Fact]
    public void Json_records_a_foreign_target_as_its_url()
    {
        var result = Result() with { Options = new SimulationOptions { Target = new Uri("https://mesh.example.com/.well-known/mmm/") } };
        using var json = JsonDocument.Parse(SimulationReport.Json(result));
        Assert.Equal("https://mesh.example.com/.well-known/mmm/", json.RootElement.GetProperty("options").GetProperty("target").GetString());
    }

    [Fact]
    public void Html_shows_a_broken_invariant_with_its_step_and_escaped_detail()
    {
        var html = SimulationReport.Html(Result());
        Assert.Contains("1 invariant(s) broken", html);
        Assert.Contains("<tr class=\"broken\"><td>no-lost-upload</td>", html);
        Assert.Contains(">137<", html);
        Assert.Contains("entry 5 of &lt;script&gt;alert(1)&lt;/script&gt; missing", html);
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("<tr class=\"notchecked\"><td>dns-consistent</td>", html);
        Assert.Contains("no DNS fault on", html);
        Assert.Contains("STATE-DIGEST-1", html);
        Assert.Contains("<svg", html);
    }

    [Fact]
    public void Html_lists_the_first_200_outcomes_and_says_how_many_more_are_in_the_json()
    {
        var html = SimulationReport.Html(Result(outcomes: 250));
        Assert.Contains("The first 200 of 250. 50 more are in report.json.", html);
        Assert.Contains("<tr><td class=\"n\">199</td><td class=\"n\">7</td>", html);
        Assert.DoesNotContain("<tr><td class=\"n\">200</td><td class=\"n\">8</td>", html);
        Assert.DoesNotContain("Step outcomes", SimulationReport.Html(Result(outcomes: 0)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(500)]
    [InlineData(5000)]
    public void Throughput_svg_is_well_formed_xml_for_any_number_of_points(int count)
    {
        var points = Enumerable.Range(0, count).Select(i => new ThroughputPoint(i, (i * 37) % 400)).ToList();
        var svg = XDocument.Parse(SimulationReport.ThroughputSvg(points));
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", svg.Root!.Name);
        Assert.Contains(svg.Descendants(ns + "text"), t => t.Value == "Transactions per second");
        var bars = svg.Descendants(ns + "rect").Count() - 1; // less the background
        Assert.InRange(bars, Math.Min(count, 1), 240);
        if (count == 0) Assert.Equal(0, bars);
    }

    [Fact]
    public void Summary_has_a_line_per_invariant()
    {
        var summary = SimulationReport.Summary(Result());
        Assert.Contains("1 invariant(s) broken", summary);
        Assert.Contains("HELD index-dense", summary);
        Assert.Contains("BROKEN no-lost-upload at step 137: entry 5 of <script>alert(1)</script> missing", summary);
        Assert.Contains("NOT CHECKED dns-consistent: no DNS fault on", summary);
        Assert.Contains("TRACE-DIGEST-2", summary);
    }
}
