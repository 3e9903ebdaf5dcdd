using System.Diagnostics;

namespace Mesh.Cli.Commands;

/// <summary>Renders the coverage a run collected (coverlet) with ReportGenerator, the project's local dotnet tool.</summary>
public static class Coverage
{
    /// <summary>False, having said why, when no coverage was collected or it could not be rendered.</summary>
    public static async Task<bool> RenderAsync(string reportFolder, CancellationToken cancel)
    {
        var reports = Directory.EnumerateFiles(reportFolder, "coverage.cobertura.xml", SearchOption.AllDirectories).ToList();
        if (reports.Count == 0)
        {
            Console.Error.WriteLine("coverage: no coverage file was collected");
            return false;
        }
        foreach (var step in new[] { new[] { "tool", "restore" }, new[] { "tool", "run", "reportgenerator", $"-reports:{string.Join(';', reports)}", $"-targetdir:{Path.Combine(reportFolder, "coverage")}", "-reporttypes:Html;TextSummary" } })
        {
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Mesh.Conformance.Vectors.Repository.Root!, RedirectStandardOutput = true };
            foreach (var argument in step) start.ArgumentList.Add(argument);
            using var process = Process.Start(start)!;
            await process.StandardOutput.ReadToEndAsync(cancel);
            await process.WaitForExitAsync(cancel);
            if (process.ExitCode != 0)
            {
                Console.Error.WriteLine($"coverage: dotnet {string.Join(' ', step.Take(3))} failed ({process.ExitCode})");
                return false;
            }
        }
        var summary = Path.Combine(reportFolder, "coverage", "Summary.txt");
        if (File.Exists(summary)) Console.WriteLine(string.Join("\n", File.ReadLines(summary).Take(8)));
        Console.WriteLine($"Coverage report: {Path.Combine(reportFolder, "coverage", "index.html")}");
        return true;
    }
}
