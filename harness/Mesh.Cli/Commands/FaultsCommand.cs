using System.CommandLine;
using System.Text.Json;
using Mesh.Conformance.Runner;
using Mesh.Service.Faults;

namespace Mesh.Cli.Commands;

/// <summary>
/// <c>faults</c>: the catalogue of deviations the reference service can commit; with <c>--detect</c>, runs the suite
/// against each and prints which scenarios caught it and the detection rate (exit 1 when a fault goes unnoticed).
/// </summary>
public static class FaultsCommand
{
    public static Command Create()
    {
        var detect = new Option<bool>("--detect") { Description = "Run the suite against the service committing each fault and report the detection rate" };
        var report = new Option<string>("--report") { Description = "Report folder", DefaultValueFactory = _ => "conformance-report" };
        var command = new Command("faults", "List the service fault catalogue, or measure how many of its faults the suite detects") { detect, report };
        command.SetAction(async (parse, cancel) =>
        {
            if (!parse.GetValue(detect))
            {
                foreach (var fault in ServiceFaults.All) Console.WriteLine($"{fault.Name,-32} {fault.Description}");
                return 0;
            }
            var folder = parse.GetValue(report)!;
            var verdicts = await FaultDetection.RunAsync(new RunOptions { ReportFolder = folder }, null, v =>
                Console.WriteLine($"{(v.Detected ? "DETECTED" : "MISSED  ")} {v.Fault,-32} {(v.Detected ? string.Join(", ", v.FailedScenarios.Take(4)) + (v.FailedScenarios.Count > 4 ? $" (+{v.FailedScenarios.Count - 4})" : "") : v.Description)}"), cancel);
            var detected = verdicts.Count(v => v.Detected);
            Console.WriteLine($"Detection rate: {detected}/{verdicts.Count} faults detected");
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "fault-detection.json"), JsonSerializer.Serialize(new
            {
                detected,
                injected = verdicts.Count,
                faults = verdicts.Select(v => new { fault = v.Fault, description = v.Description, detected = v.Detected, failedScenarios = v.FailedScenarios }),
            }, new JsonSerializerOptions { WriteIndented = true }));
            return detected == verdicts.Count ? 0 : 1;
        });
        return command;
    }
}
