using System.CommandLine;
using System.Text.Json;
using Mesh.Conformance.Reports;
using Mesh.Conformance.Runner;
using Mesh.Service.Variations;

namespace Mesh.Cli.Commands;

/// <summary>
/// <c>variations</c>: the catalogue of conforming variations, each with why it conforms; with <c>--check</c>, the
/// suite over the wire against a service taking each, printing the precision (FAIL verdicts over every scenario run;
/// exit 1 when a conforming variation gets a FAIL).
/// </summary>
public static class VariationsCommand
{
    public static Command Create()
    {
        var check = new Option<bool>("--check") { Description = "Judge a service taking each variation over the wire; print the FAIL verdicts (precision)" };
        var only = new Option<string[]>("--variation") { Description = "With --check: only these variations", AllowMultipleArgumentsPerToken = true };
        var report = new Option<string>("--report") { Description = "Report folder", DefaultValueFactory = _ => "conformance-report" };
        var command = new Command("variations", "List the conforming variations, or check that the suite fails none of them (precision)") { check, only, report };
        command.SetAction(async (parse, cancel) =>
        {
            if (!parse.GetValue(check))
            {
                foreach (var variation in ServiceVariations.All) Console.WriteLine($"{variation.Name,-30} {variation.Description} — {variation.Conforms}");
                return 0;
            }
            var names = parse.GetValue(only) ?? [];
            if (names.FirstOrDefault(n => !ServiceVariations.IsKnown(n)) is { } unknown)
            {
                Console.Error.WriteLine($"variations: unknown variation '{unknown}'");
                return 2;
            }
            var folder = parse.GetValue(report)!;
            var verdicts = await VariationCheck.RunAsync(new RunOptions { ReportFolder = folder },
                names.Length == 0 ? null : ServiceVariations.All.Where(v => names.Contains(v.Name)), Print, cancel);
            var runs = verdicts.Sum(v => v.Results.Count);
            var failures = verdicts.Sum(v => v.Failures.Count);
            Console.WriteLine($"Precision: {failures} FAIL verdicts in {runs} scenario runs over {verdicts.Count} variations; {verdicts.Count(v => v.Conforms)}/{verdicts.Count} variations judged conforming");
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "variation-check.json"), JsonSerializer.Serialize(new
            {
                runs,
                failures,
                variations = verdicts.Select(v => new
                {
                    variation = v.Variation.Name,
                    conforms = v.Variation.Conforms,
                    failed = v.Failures.Select(r => new { r.Key, r.Message }),
                    warned = v.Warnings.Select(r => r.Key),
                }),
            }, ReportJson.Options));
            return failures == 0 ? 0 : 1;
        });
        return command;
    }

    static void Print(VariationVerdict v)
    {
        Console.WriteLine($"{(v.Conforms ? "OK  " : "FAIL"),-4} {v.Variation.Name,-30} {v.Failures.Count} failed, {v.Warnings.Count} warned{(v.Warnings.Count > 0 ? ": " + string.Join(", ", v.Warnings.Select(r => r.Key)) : "")}");
        foreach (var failure in v.Failures) Console.WriteLine($"       FAIL {failure.Key}: {failure.Message?.Split('\n')[0]}");
    }
}
