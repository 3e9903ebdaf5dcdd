using System.Diagnostics;
using Mesh.Client;
using Mesh.Conformance.Drivers;
using Mesh.Conformance.Reports;
using Mesh.Conformance.Scenarios;
using Mesh.Conformance.Vectors;
using TechTalk.SpecFlow;

namespace Mesh.Conformance.Specs.Support;

/// <summary>
/// Before a scenario: who it is (from its tags and example row). After it: its exchanges compared with (or
/// written to) the recorded vector, its result appended for the runner, its service stopped.
/// </summary>
[Binding]
public sealed class ScenarioHooks(ScenarioContext scenario, FeatureContext feature, ServiceTargetDriver target)
{
    readonly Stopwatch clock = new();

    [BeforeScenario]
    public void Begin()
    {
        var arguments = scenario.ScenarioInfo.Arguments;
        string? Argument(string name) => arguments.Contains(name) ? arguments[name]?.ToString() : null;
        var tags = scenario.ScenarioInfo.Tags.Concat(feature.FeatureInfo.Tags).Distinct();
        target.Scenario = Scenarios.ScenarioInfo.FromTags(scenario.ScenarioInfo.Title, feature.FeatureInfo.Title, tags,
            Argument("profile") ?? "draft-03", Argument("case"));
        target.NotApplicable = reason => new Xunit.SkipException("not applicable to a foreign target: " + reason);
        target.Unsupported = reason => new Xunit.SkipException($"{Verdicts.UnsupportedPrefix}: {reason}");
        clock.Start();
    }

    [AfterScenario]
    public async Task End()
    {
        var info = target.Scenario!;
        var error = scenario.TestError;
        // A scenario of a profile the run did not select is not part of the run: no result, no trace.
        if (SuiteSettings.Profile is { } selected && selected != info.Profile)
        {
            await target.DisposeAsync();
            return;
        }
        if (error is null && target.Exchanges.Count > 0) error = Vectors(info);
        var verdict = Verdicts.Grade(info.Level, error is not null and not Xunit.SkipException, (error as Xunit.SkipException)?.Message, SuiteSettings.Strict);
        var result = ScenarioResult.Of(info, verdict, clock.Elapsed);
        if (SuiteSettings.TracesFolder is { } traces) Trace(traces, info);
        if (error is ConformanceFailure failure)
            result = result with { Requirement = failure.Requirement, Expected = failure.Expected, Actual = failure.Actual };
        if (verdict != Verdict.Pass)
            result = result with { Message = error!.Message, Exchanges = target.Exchanges.Select(ExchangeText.Render).ToList() };
        if (SuiteSettings.ResultsFile is { } path) result.AppendTo(path);
        await target.DisposeAsync();
        if (error is not null && scenario.TestError is null) throw error;
    }

    /// <summary>The scenario's trace folder: the exchanges as a vector file (decoded envelopes included) and as readable text.</summary>
    void Trace(string folder, Scenarios.ScenarioInfo info)
    {
        var path = Path.Combine(folder, info.Profile, info.Key);
        Directory.CreateDirectory(path);
        File.WriteAllBytes(Path.Combine(path, "trace.json"), VectorStore.Build(info, target.Exchanges).Encode());
        for (var i = 0; i < target.Exchanges.Count; i++)
            File.WriteAllText(Path.Combine(path, $"exchange-{i + 1}.txt"), ExchangeText.Render(target.Exchanges[i]));
    }

    Exception? Vectors(Scenarios.ScenarioInfo info)
    {
        // A foreign target's bytes are its own: it is held to the structure of the responses instead.
        if (target.Foreign is not null) return ResponseStructure.Check(target.Exchanges);
        var store = new VectorStore(Repository.Vectors);
        var vector = VectorStore.Build(info, target.Exchanges);
        switch (SuiteSettings.Vectors)
        {
            case VectorMode.Write:
                store.Write(vector, info);
                return null;
            case VectorMode.Compare:
                return store.Compare(vector, info);
            default:
                return null;
        }
    }
}
