using Mesh.Conformance.Drivers;
using Mesh.Conformance.Runner;
using Mesh.Conformance.Scenarios;
using Mesh.Conformance.Vectors;
using Mesh.Service.Faults;
using Mesh.Service.Variations;

namespace Mesh.Conformance.Tests.Targets;

/// <summary>
/// The detection logic and the two catalogues. Whole-catalogue runs are commands (<c>faults --detect</c> over the
/// wire, <c>faults --detect --embedded</c>, <c>variations --check</c>); one fault and one variation are judged out of
/// process in <see cref="TargetModeTests"/>.
/// </summary>
public class FaultDetectionTests
{
    static readonly ServiceFault Fault = new("test-fault", "breaks a", ["a"]);

    static ScenarioResult Result(string id, Verdict verdict, string? @case = null) =>
        new(@case is null ? id : $"{id}.{@case}", id, id, "F", "1", "must", "draft-03", verdict, 1, Message: $"{verdict} of {id}");

    [Fact]
    public void A_fault_is_caught_when_the_scenario_it_names_passes_clean_and_fails_or_warns_faulty()
    {
        Assert.Equal(["a.x [draft-03]"], FaultVerdict.Judge(Fault, [Result("a", Verdict.Pass, "x")], [Result("a", Verdict.Fail, "x")]).Caught);
        Assert.True(FaultVerdict.Judge(Fault, [Result("a", Verdict.Pass)], [Result("a", Verdict.Warn)]).Detected);
    }

    [Fact]
    public void A_failure_of_another_scenario_proves_nothing()
    {
        var verdict = FaultVerdict.Judge(Fault, [Result("a", Verdict.Pass), Result("b", Verdict.Pass)], [Result("a", Verdict.Pass), Result("b", Verdict.Fail)]);
        Assert.False(verdict.Detected);
        Assert.Equal(["b [draft-03]"], verdict.Elsewhere);
    }

    [Theory]
    [InlineData(Verdict.Fail)]
    [InlineData(Verdict.Skip)]
    public void A_named_scenario_that_does_not_pass_clean_is_masked_not_caught(Verdict clean)
    {
        var verdict = FaultVerdict.Judge(Fault, [Result("a", clean)], [Result("a", Verdict.Fail)]);
        Assert.False(verdict.Detected);
        Assert.Contains($"is {clean.ToString().ToUpperInvariant()} against the clean service", Assert.Single(verdict.Masked));
    }

    [Fact]
    public void A_named_scenario_that_did_not_run_is_said()
    {
        var verdict = FaultVerdict.Judge(Fault, [Result("b", Verdict.Pass)], [Result("b", Verdict.Pass)]);
        Assert.Equal(["a did not run"], verdict.Masked);
    }

    static readonly IReadOnlySet<string> ScenarioIds = FeatureCatalog.Load(Path.Combine(Repository.Root!, "features")).Select(e => e.Id).ToHashSet();

    [Fact]
    public void Every_fault_names_scenarios_that_exist_and_names_are_unique()
    {
        Assert.True(ServiceFaults.All.Count >= 25);
        Assert.Equal(ServiceFaults.All.Count, ServiceFaults.All.Select(f => f.Name).Distinct().Count());
        Assert.All(ServiceFaults.All, f =>
        {
            Assert.NotEmpty(f.Breaks);
            Assert.All(f.Breaks, id => Assert.True(ScenarioIds.Contains(id), $"{f.Name} names {id}, which no feature has"));
        });
    }

    [Fact]
    public void At_least_20_variations_each_saying_why_it_conforms_and_none_is_also_a_fault()
    {
        Assert.True(ServiceVariations.All.Count >= 20);
        Assert.Equal(ServiceVariations.All.Count, ServiceVariations.All.Select(v => v.Name).Distinct().Count());
        Assert.All(ServiceVariations.All, v => Assert.Matches(@"§\d|A\d+|RFC \d+", v.Conforms));
        Assert.Empty(ServiceVariations.All.Select(v => v.Name).Intersect(ServiceFaults.All.Select(f => f.Name)));
    }

    [Fact]
    public void Variations_that_are_settings_change_what_the_service_advertises_and_unknown_ones_are_refused()
    {
        var options = new Mesh.Service.ServiceOptions().Take([ServiceVariations.SmallerRequestLimit, ServiceVariations.BinaryEncodings]);
        Assert.Equal(32768, options.BytesMax);
        Assert.True(options.BinaryEncodings);
        Assert.True(options.Takes(ServiceVariations.SmallerRequestLimit));
        Assert.Contains("unknown variation 'gremlins'", Assert.Throws<ArgumentException>(() => new Mesh.Service.ServiceOptions().Take(["gremlins"])).Message);
    }
}

/// <summary>Needs the scenarios, which this test build carries through the CLI it references.</summary>
public sealed class SpecsBuiltTheoryAttribute : TheoryAttribute
{
    /// <summary>Why a test that runs the suite cannot, or null when the scenarios are here.</summary>
    public static string? MissingSpecs => InProcessSuite.Specs() is null
        ? $"{InProcessSuite.SpecsAssemblyName}.dll is not beside {AppContext.BaseDirectory}: build the solution" : null;

    public SpecsBuiltTheoryAttribute() => Skip = MissingSpecs;
}
