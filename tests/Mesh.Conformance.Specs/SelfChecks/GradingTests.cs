using Mesh.Conformance.Drivers;
using Mesh.Conformance.Scenarios;
using Xunit;

namespace Mesh.Conformance.Specs.SelfChecks;

/// <summary>The grading table (docs/verdicts.md): what a broken requirement of each source and level makes of a verdict.</summary>
public class GradingTests
{
    static VerdictSource Source(SourceKind kind, string level) => new("X01", kind, "4.4", level, kind == SourceKind.Draft ? null : "A14", "a sentence");

    [Theory]
    [InlineData(SourceKind.Draft, "MUST", "draft-03", false, Verdict.Fail)]
    [InlineData(SourceKind.Draft, "MUST NOT", "draft-03", false, Verdict.Fail)]
    [InlineData(SourceKind.Draft, "SHALL", "draft-03", false, Verdict.Fail)]
    [InlineData(SourceKind.Draft, "REQUIRED", "draft-03", false, Verdict.Fail)]
    [InlineData(SourceKind.Draft, "DEFINES", "draft-03", false, Verdict.Fail)]
    [InlineData(SourceKind.Draft, "MUST", "reference", false, Verdict.Fail)]
    [InlineData(SourceKind.Draft, "SHOULD", "draft-03", false, Verdict.Warn)]
    [InlineData(SourceKind.Draft, "SHOULD NOT", "draft-03", false, Verdict.Warn)]
    [InlineData(SourceKind.Draft, "SHOULD", "draft-03", true, Verdict.Fail)]
    [InlineData(SourceKind.Draft, "MAY", "draft-03", false, Verdict.Info)]
    [InlineData(SourceKind.Draft, "MAY", "draft-03", true, Verdict.Info)]
    [InlineData(SourceKind.Decision, "MUST", "draft-03", false, Verdict.Warn)]
    [InlineData(SourceKind.Decision, "MUST", "draft-03", true, Verdict.Fail)]
    [InlineData(SourceKind.Decision, "SHOULD", "reference", false, Verdict.Warn)]
    [InlineData(SourceKind.Decision, "MAY", "draft-03", true, Verdict.Info)]
    [InlineData(SourceKind.Reference, "MUST", "reference", false, Verdict.Fail)]
    [InlineData(SourceKind.Reference, "MUST", "draft-03", false, Verdict.Info)]
    [InlineData(SourceKind.Reference, "MUST", "draft-03", true, Verdict.Info)]
    public void A_broken_requirement_is_graded_by_its_source_and_level(SourceKind kind, string level, string profile, bool strict, Verdict expected) =>
        Assert.Equal(expected, Verdicts.Grade(Source(kind, level), RequirementLevel.Must, profile, failed: true, notRun: null, strict));

    [Fact]
    public void A_decision_broken_in_a_MAY_scenario_only_informs() =>
        Assert.Equal(Verdict.Info, Verdicts.Grade(Source(SourceKind.Decision, "MUST"), RequirementLevel.May, "draft-03", true, null, false));

    [Theory]
    [InlineData(SourceKind.Draft)]
    [InlineData(SourceKind.Decision)]
    [InlineData(SourceKind.Reference)]
    public void A_check_that_holds_passes_and_a_skip_stays_a_skip_whatever_the_source(SourceKind kind)
    {
        Assert.Equal(Verdict.Pass, Verdicts.Grade(Source(kind, "MUST"), RequirementLevel.Must, "reference", false, null, true));
        Assert.Equal(Verdict.Unsupported, Verdicts.Grade(Source(kind, "MUST"), RequirementLevel.Must, "reference", false, new NotRun(NotRunKind.Unsupported, "no DARE"), false));
        Assert.Equal(Verdict.Skip, Verdicts.Grade(Source(kind, "MUST"), RequirementLevel.Must, "reference", false, new NotRun(NotRunKind.NotApplicable, "not applicable"), false));
    }

    static Scenarios.ScenarioInfo Scenario(params string[] tags) => Scenarios.ScenarioInfo.FromTags("t", "F", ["id:x", "must", .. tags], "draft-03", null);

    [Fact]
    public void A_failed_check_is_judged_by_its_own_row_and_otherwise_by_the_scenarios_first_req_tag()
    {
        var info = Scenario("req:D26", "req:H29");
        var (own, ownSource) = Support.ScenarioHooks.Judge(info, new ConformanceFailure("state", "a", "b", "H17"), null, false, false);
        Assert.Equal((Verdict.Warn, "H17", SourceKind.Decision), (own, ownSource!.RequirementId, ownSource.Kind));
        var (primary, primarySource) = Support.ScenarioHooks.Judge(info, new ConformanceFailure("entries", "a", "b"), null, false, false);
        Assert.Equal((Verdict.Fail, "D26"), (primary, primarySource!.RequirementId));
    }

    [Fact]
    public void A_failure_that_is_no_check_of_the_target_is_a_FAIL_even_in_a_decision_scenario()
    {
        var info = Scenario("req:H17");
        Assert.Equal(Verdict.Fail, Support.ScenarioHooks.Judge(info, new InvalidOperationException("a step has no binding"), null, false, false).Item1);
        Assert.Equal(Verdict.Fail, Support.ScenarioHooks.Judge(info, new ConformanceFailure("vector", "a", "b"), null, vectorsDiffer: true, false).Item1);
        Assert.Equal(Verdict.Warn, Support.ScenarioHooks.Judge(info, new ConformanceFailure("state", "a", "b"), null, false, false).Item1);
    }

    [Theory]
    [InlineData("draft-03", 409, 400, "H14")]
    [InlineData("draft-03", 201, 200, "H10")]
    [InlineData("draft-03", 404, 201, null)]
    [InlineData("draft-03", 201, 400, null)]
    [InlineData("reference", 400, 404, "R01")]
    public void A_status_of_the_expected_class_is_judged_by_the_decision_of_its_code(string profile, int expected, int actual, string? row) =>
        Assert.Equal(row, StatusCodes.Requirement(profile, expected, actual));

    [Fact]
    public void An_HTTP_200_carrying_a_refusal_is_the_other_reading_of_mirroring() =>
        Assert.Equal("H09", StatusCodes.HttpRequirement("draft-03", 409, 200));
}
