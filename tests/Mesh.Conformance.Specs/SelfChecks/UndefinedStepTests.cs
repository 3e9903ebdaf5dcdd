using System.Collections.Specialized;
using Mesh.Conformance.Drivers;
using Mesh.Conformance.Specs.Support;
using TechTalk.SpecFlow;
using Xunit;
using Xunit.Abstractions;

namespace Mesh.Conformance.Specs.SelfChecks;

/// <summary>
/// A step no binding matches fails its scenario (specflow.json: missingOrPendingStepsOutcome Error) and the hooks grade
/// it FAIL: a scenario that did not check what it says never passes. The scenario runs on a test runner of its own.
/// </summary>
public class UndefinedStepTests(ITestOutputHelper output)
{
    [Fact]
    public void A_scenario_with_an_undefined_step_fails()
    {
        var runner = TestRunnerManager.GetTestRunner(typeof(UndefinedStepTests).Assembly, managedThreadId: int.MaxValue - 11);
        runner.OnFeatureStart(new FeatureInfo(new System.Globalization.CultureInfo("en"), "", "Self check", null, ProgrammingLanguage.CSharp, null));
        try
        {
            runner.OnScenarioInitialize(new TechTalk.SpecFlow.ScenarioInfo("An undefined step", null, ["id:self-check-undefined-step", "must", ScenarioHooks.SelfCheckTag],
                new OrderedDictionary(), null));
            runner.ScenarioContext.ScenarioContainer.RegisterInstanceAs(output);
            runner.OnScenarioStart();
            runner.Then("a step that no binding matches", null, null, "Then ");
            var status = runner.ScenarioContext.ScenarioExecutionStatus;
            var thrown = Record.Exception(runner.CollectScenarioErrors);
            var unfinished = ScenarioHooks.Unfinished(runner.ScenarioContext);
            runner.OnScenarioEnd();

            Assert.Equal(ScenarioExecutionStatus.UndefinedStep, status);
            Assert.NotNull(thrown);
            Assert.NotNull(unfinished);
            var info = Scenarios.ScenarioInfo.FromTags("An undefined step", "Self check", ["id:self-check-undefined-step", "must", "req:H17"], "draft-03", null);
            Assert.Equal(Verdict.Fail, ScenarioHooks.Judge(info, unfinished, null, vectorsDiffer: false, strict: false).Item1);
        }
        finally
        {
            runner.OnFeatureEnd();
        }
    }
}
