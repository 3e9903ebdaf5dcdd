using System.CommandLine;
using Mesh.Conformance.Reports;
using Mesh.Conformance.Runner;

namespace Mesh.Cli.Commands;

/// <summary>
/// <c>matrix --targets FILE</c>: the suite against every target of the file, one report folder each, and the
/// target-by-feature matrix (matrix.json, matrix.html). Exit 0 when every target conforms, 1 when one does not
/// (or cannot be reached), 2 when the file is wrong.
/// </summary>
public static class MatrixCommand
{
    public static Command Create()
    {
        var targets = new Option<string>("--targets") { Description = "JSON array of targets: {name, url | domain + dns, http, pin, accountDomain, profile}", Required = true };
        var report = new Option<string>("--report") { Description = "Report folder", DefaultValueFactory = _ => "matrix-report" };
        var strict = new Option<bool>("--strict") { Description = "A broken SHOULD fails a target instead of warning" };
        var command = new Command("matrix", "Run the suite against several targets and write a target-by-feature matrix") { targets, report, strict };
        command.SetAction(async (parse, cancel) =>
        {
            IReadOnlyList<MatrixTarget> list;
            try { list = MatrixTarget.Load(parse.GetValue(targets)!); }
            catch (Exception e) when (e is FormatException or IOException)
            {
                Console.Error.WriteLine($"matrix: {e.Message}");
                return 2;
            }
            var folder = parse.GetValue(report)!;
            var matrix = await MatrixRunner.RunAsync(list, new RunOptions { ReportFolder = folder, Strict = parse.GetValue(strict) }, row =>
                Console.WriteLine(row.Unreachable is { } why ? $"{row.Target,-20} not judged: {why}"
                    : $"{row.Target,-20} {(row.Conforms ? "conforms" : "does not conform"),-16} {row.Summary.Passed} passed, {row.Summary.Failed} failed, {row.Summary.Warned} warnings, {row.Summary.Skipped} skipped"), cancel);
            Console.WriteLine($"Matrix: {Path.Combine(folder, "matrix.html")}, matrix.json; open questions and each target's reading: decisions.md, decisions.json; a report per target in {folder}/<name>/");
            return matrix.Rows.All(r => r.Conforms) ? 0 : 1;
        });
        return command;
    }
}
