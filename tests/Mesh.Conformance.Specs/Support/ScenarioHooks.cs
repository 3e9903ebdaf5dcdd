using System.Diagnostics;
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
        target.Skip = reason => new Xunit.SkipException(reason);
        clock.Start();
    }

    [AfterScenario]
    public async Task End()
    {
        var settings = SuiteSettings.Current;
        var info = target.Scenario!;
        var error = scenario.TestError ?? Unfinished(scenario);
        // A scenario of a profile the run did not select is not part of the run: no result, no trace.
        if (settings.Profile is { } selected && selected != info.Profile || info.Tags.Contains(SelfCheckTag))
        {
            await target.DisposeAsync();
            return;
        }
        // The vector is built once: the comparison and the trace both need it, and building it reads every envelope.
        var vector = new Lazy<VectorFile>(() => VectorStore.Build(info, target.Exchanges));
        var vectorsDiffer = false;
        if (error is null && target.Exchanges.Count > 0 && !info.Tags.Contains(UnrecordedTag))
        {
            error = Vectors(info, vector, settings.Vectors);
            vectorsDiffer = error is not null && target.Target.BytesAreSeeded;
        }
        var (verdict, source) = Judge(info, error, NotRunOf(error), vectorsDiffer, settings.Strict);
        var result = ScenarioResult.Of(info, verdict, clock.Elapsed);
        if (source is not null) result = result.JudgedBy(source);
        if (settings.TracesFolder is { } traces) Trace(traces, info, vector.Value);
        if (error is ConformanceFailure failure)
            result = result with
            {
                Requirement = failure.Requirement + (source is null ? "" : $"\n  source: {source.Cite}"),
                Expected = failure.Expected,
                Actual = failure.Actual,
                Reading = source?.Kind == SourceKind.Decision ? failure.Actual : null,
            };
        if (verdict != Verdict.Pass)
            result = result with { Message = error!.Message, Exchanges = target.Exchanges.Select(ExchangeText.Render).ToList() };
        settings.Report(result);
        await target.DisposeAsync();
        if (error is not null && scenario.TestError is null) throw error;
    }

    /// <summary>Scenarios with this tag exercise the harness itself (an undefined step on purpose): they give no result.</summary>
    public const string SelfCheckTag = "self-check";

    /// <summary>Scenarios with this tag send generated cases by the hundred: their bytes are not kept as a vector (the trace keeps them).</summary>
    public const string UnrecordedTag = "unrecorded";

    /// <summary>A scenario stopped by an undefined or pending step did not check what it says: that is a failure, never a pass.</summary>
    public static Exception? Unfinished(ScenarioContext context) => context.ScenarioExecutionStatus switch
    {
        ScenarioExecutionStatus.UndefinedStep => new InvalidOperationException("a step of the scenario has no binding: the scenario did not check what it says"),
        ScenarioExecutionStatus.StepDefinitionPending => new InvalidOperationException("a step of the scenario is pending: the scenario did not check what it says"),
        _ => null,
    };

    /// <summary>
    /// The verdict and the requirement it is judged by: the failed check's own row, or the scenario's first <c>@req:</c>.
    /// A failure that is not a check of the target (the harness broke, a step is missing, our own vectors differ) is a FAIL.
    /// </summary>
    public static (Verdict, VerdictSource?) Judge(Scenarios.ScenarioInfo info, Exception? error, NotRun? skip, bool vectorsDiffer, bool strict)
    {
        var failure = error as ConformanceFailure;
        var id = failure?.RequirementId ?? info.Requirement;
        var source = id is null ? null : RequirementTable.Source(id);
        if (error is not null && skip is null && (failure is null || vectorsDiffer)) return (Verdict.Fail, source);
        var failed = failure is not null;
        return (source is null ? Verdicts.Grade(info.Level, failed, skip, strict) : Verdicts.Grade(source, info.Level, info.Profile, failed, skip, strict), source);
    }

    /// <summary>Why a skipped scenario did not run: as the target driver recorded it, else a skip of the steps' own (a profile not selected).</summary>
    NotRun? NotRunOf(Exception? error) => error is Xunit.SkipException skip ? target.NotRun ?? new(NotRunKind.NotApplicable, skip.Message) : null;

    /// <summary>The scenario's trace folder: the exchanges as a vector file (decoded envelopes included) and as readable text.</summary>
    void Trace(string folder, Scenarios.ScenarioInfo info, VectorFile vector)
    {
        // The runner empties the folder before the run: what lies here is this run's.
        var path = Path.Combine(folder, info.Profile, info.Key);
        Directory.CreateDirectory(path);
        File.WriteAllBytes(Path.Combine(path, "trace.json"), vector.Encode());
        for (var i = 0; i < target.Exchanges.Count; i++)
            File.WriteAllText(Path.Combine(path, $"exchange-{i + 1}.txt"), ExchangeText.Render(target.Exchanges[i]));
    }

    Exception? Vectors(Scenarios.ScenarioInfo info, Lazy<VectorFile> built, VectorMode mode)
    {
        // A foreign target's bytes are its own: it is held to the structure of the responses instead.
        if (!target.Target.BytesAreSeeded) return ResponseStructure.Check(target.Exchanges);
        var store = new VectorStore(Repository.Vectors);
        switch (mode)
        {
            case VectorMode.Write:
                store.Write(built.Value, info);
                return null;
            case VectorMode.Compare:
                return store.Compare(built.Value, info);
            default:
                return null;
        }
    }
}
