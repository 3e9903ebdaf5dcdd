using Mesh.Conformance.Reports;
using Mesh.Conformance.Targets;

namespace Mesh.Conformance.Runner;

/// <summary>
/// Runs the suite against each target of a targets file in turn (each with its own report under
/// <c>&lt;report&gt;/&lt;name&gt;/</c>) and gathers the target-by-feature matrix, and the reading each target took of
/// every open question judged by a decision (<see cref="DecisionMatrix"/>).
/// </summary>
public static class MatrixRunner
{
    /// <param name="targets">The targets, in the order of their rows.</param>
    /// <param name="template">Everything but the target and profile: configuration, tags, strict mode, the report folder.</param>
    /// <param name="onTarget">Told of each row as it is done.</param>
    /// <param name="cancel">Stops the run.</param>
    public static async Task<InteropMatrix> RunAsync(IReadOnlyList<MatrixTarget> targets, RunOptions template, Action<MatrixRow> onTarget, CancellationToken cancel = default)
    {
        var started = DateTimeOffset.UtcNow;
        var run = ForeignTarget.NewRun();
        var rows = new List<MatrixRow>();
        var judged = new List<(string, IReadOnlyList<Drivers.ScenarioResult>)>();
        foreach (var target in targets)
        {
            var profile = target.Profile ?? "draft-03";
            var foreign = target.ToForeign(run);
            MatrixRow row;
            if (await foreign.ProbeAsync(TimeSpan.FromSeconds(10)) is { } unreachable)
                row = new MatrixRow(target.Name, profile, false, unreachable, [], Tally.Of("all", []));
            else
            {
                var options = template with { Profile = profile, Target = foreign, ReportFolder = Path.Combine(template.ReportFolder, target.Name) };
                var outcome = await SuiteRunner.RunAsync(options, _ => { }, cancel);
                var report = new SuiteReport($"{target.Name}: {foreign.Describe()}", [profile], started, outcome.Duration, outcome.Results, Traces: true);
                report.WriteAll(options.ReportFolder);
                judged.Add((target.Name, outcome.Results));
                row = outcome.Results.Count == 0
                    ? new MatrixRow(target.Name, profile, false, "the suite did not run: " + string.Join(" ", outcome.Output.Split('\n').TakeLast(3)), [], report.Summary)
                    : new MatrixRow(target.Name, profile, report.Conforms, null, report.Features, report.Summary);
            }
            rows.Add(row);
            onTarget(row);
        }
        var matrix = new InteropMatrix(started, rows);
        matrix.WriteAll(template.ReportFolder);
        DecisionMatrix.Of(judged).WriteAll(template.ReportFolder);
        return matrix;
    }
}
