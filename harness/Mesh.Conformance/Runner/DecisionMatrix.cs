using System.Text;
using System.Text.Json;
using Mesh.Conformance.Drivers;
using Mesh.Conformance.Reports;
using Mesh.Conformance.Scenarios;

namespace Mesh.Conformance.Runner;

/// <summary>One open question of the draft (an A-number or decision the project took) and the reading each target took.</summary>
/// <param name="Decision">The A-number (or decisions §) the scenario's verdict is judged by.</param>
/// <param name="Scenario">The scenario key that asked the question.</param>
/// <param name="Quote">The requirement's sentence: the project's reading.</param>
/// <param name="Readings">By target: "ours" when it took the project's reading, else what it did, or "not judged".</param>
public sealed record DecisionRow(string Decision, string Scenario, string Quote, IReadOnlyDictionary<string, string> Readings);

/// <summary>
/// The evidence a spec editor needs to close the draft's open questions: for each scenario judged by a decision
/// (SourceKind.Decision), the reading each target of a <c>matrix</c> run took. Written as <c>decisions.json</c> and
/// <c>decisions.md</c> beside the matrix.
/// </summary>
public sealed record DecisionMatrix(IReadOnlyList<string> Targets, IReadOnlyList<DecisionRow> Rows)
{
    public const string Ours = "ours";

    public static DecisionMatrix Of(IReadOnlyList<(string Target, IReadOnlyList<ScenarioResult> Results)> runs)
    {
        var asked = runs.SelectMany(r => r.Results).Where(r => r.Source == SourceKind.Decision && r.Decision is not null)
            .GroupBy(r => (r.Decision!, r.Key)).OrderBy(g => g.Key.Item1, StringComparer.Ordinal).ThenBy(g => g.Key.Key, StringComparer.Ordinal);
        var rows = asked.Select(question => new DecisionRow(question.Key.Item1, question.Key.Key, question.First().Quote ?? "",
            runs.ToDictionary(r => r.Target, r => ReadingOf(r.Results.FirstOrDefault(x => x.Key == question.Key.Key && x.Decision == question.Key.Item1))))).ToList();
        return new DecisionMatrix([.. runs.Select(r => r.Target)], rows);
    }

    static string ReadingOf(ScenarioResult? result) => result?.Verdict switch
    {
        Verdict.Pass => Ours,
        Verdict.Warn or Verdict.Fail or Verdict.Info => result.Reading ?? result.Actual ?? result.Message?.Split('\n')[0] ?? "another reading",
        _ => "not judged",
    };

    public void WriteAll(string folder)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "decisions.json"), JsonSerializer.Serialize(this, ReportJson.Options));
        var text = new StringBuilder("# Open questions: the reading each target took\n\n");
        text.Append("| decision | scenario | ").AppendJoin(" | ", Targets).Append(" |\n|---|---|").Append(string.Concat(Targets.Select(_ => "---|"))).Append('\n');
        foreach (var row in Rows)
            text.Append($"| {row.Decision} | {row.Scenario} | ").AppendJoin(" | ", Targets.Select(t => Cell(row.Readings[t]))).Append(" |\n");
        File.WriteAllText(Path.Combine(folder, "decisions.md"), text.ToString());
    }

    static string Cell(string reading) => reading.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ');
}
