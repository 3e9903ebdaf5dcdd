using Mesh.Conformance.Drivers;
using Mesh.Conformance.Reports;
using Mesh.Conformance.Scenarios;

namespace Mesh.Conformance.Tests.Targets;

/// <summary>Graded verdicts, strict mode and baselines (issue 5).</summary>
public class VerdictTests
{
    [Theory]
    [InlineData(RequirementLevel.Must, true, null, false, Verdict.Fail)]
    [InlineData(RequirementLevel.Should, true, null, false, Verdict.Warn)]
    [InlineData(RequirementLevel.Should, true, null, true, Verdict.Fail)]
    [InlineData(RequirementLevel.May, true, null, true, Verdict.Info)]
    [InlineData(RequirementLevel.Must, false, null, false, Verdict.Pass)]
    [InlineData(RequirementLevel.Must, false, NotRunKind.Unsupported, false, Verdict.Unsupported)]
    [InlineData(RequirementLevel.Must, false, NotRunKind.NotApplicable, false, Verdict.Skip)]
    public void A_verdict_follows_the_outcome_and_the_requirement_level(RequirementLevel level, bool failed, NotRunKind? notRun, bool strict, Verdict expected) =>
        Assert.Equal(expected, Verdicts.Grade(level, failed, notRun is { } kind ? new NotRun(kind, "the reason") : null, strict));

    static ScenarioResult Result(string key, string profile, Verdict verdict, string level = "must") =>
        new(key, key, "title", "Feature", "7.3", level, profile, verdict, 1);

    [Fact]
    public void Baselined_failures_do_not_count_and_a_passing_listed_scenario_is_stale()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, "# known\nupload-x [draft-03]\nstatus-y   # every profile\n");
        ScenarioResult[] results = [Result("upload-x", "draft-03", Verdict.Fail), Result("upload-x", "reference", Verdict.Fail), Result("status-y", "draft-03", Verdict.Pass)];
        var report = new SuiteReport("t", ["draft-03"], DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(1), results, BaselineCheck.Load(file, results));
        Assert.Equal(["upload-x [reference]"], report.CountedFailures.Select(BaselineCheck.KeyOf));
        Assert.Equal(["status-y"], report.Baseline!.Stale);
        Assert.False(report.Conforms);
        File.Delete(file);
    }

    [Fact]
    public void Warnings_and_information_do_not_break_conformance_but_show_in_every_report()
    {
        ScenarioResult[] results = [Result("a", "draft-03", Verdict.Warn, "should"), Result("b", "draft-03", Verdict.Info, "may"), Result("c", "draft-03", Verdict.Pass)];
        var report = new SuiteReport("t", ["draft-03"], DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(1), results);
        Assert.True(report.Conforms);
        Assert.Equal((1, 1, 1), (report.Summary.Warned, report.Summary.Informational, report.Summary.Passed));
        Assert.Contains("WARN: ", report.JUnit());
        Assert.Contains("class=\"verdict warn\"", report.Html());
        Assert.Contains("\"warned\": 1", report.Json());
    }

    [Fact]
    public void The_html_links_a_failure_to_its_trace_folder_when_the_run_kept_traces()
    {
        ScenarioResult[] results = [Result("upload-x", "draft-03", Verdict.Fail)];
        var report = new SuiteReport("t", ["draft-03"], DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(1), results, Traces: true);
        Assert.Contains("href=\"traces/draft-03/upload-x/\"", report.Html());
        Assert.DoesNotContain("traces/", (report with { Traces = false }).Html());
    }
}
