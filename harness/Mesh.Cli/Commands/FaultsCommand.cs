using System.CommandLine;
using System.Text.Json;
using Mesh.Conformance.Reports;
using Mesh.Conformance.Runner;
using Mesh.Service.Faults;

namespace Mesh.Cli.Commands;

/// <summary>
/// <c>faults</c>: the catalogue of deviations the reference service can commit, each with the scenarios whose
/// requirement it breaks; with <c>--detect</c>, a clean run and a run per fault, over the wire by default, printing
/// which named scenario caught each fault and the recall (exit 1 when a fault goes uncaught).
/// </summary>
public static class FaultsCommand
{
    public static Command Create()
    {
        var detect = new Option<bool>("--detect") { Description = "Run the suite against a clean service and against one committing each fault; print the recall" };
        var embedded = new Option<bool>("--embedded") { Description = "With --detect: the faulty service inside the suite's process (internals visible, both profiles) instead of over the wire" };
        var only = new Option<string[]>("--fault") { Description = "With --detect: only these faults", AllowMultipleArgumentsPerToken = true };
        var report = new Option<string>("--report") { Description = "Report folder", DefaultValueFactory = _ => "conformance-report" };
        var command = new Command("faults", "List the service fault catalogue, or measure how many of its faults the suite catches (recall)") { detect, embedded, only, report };
        command.SetAction(async (parse, cancel) =>
        {
            if (!parse.GetValue(detect))
            {
                foreach (var fault in ServiceFaults.All)
                    Console.WriteLine($"{fault.Name,-32} {fault.Description}{(fault.Setting == FaultSetting.Defaults ? "" : $" (needs {fault.Setting.ToString().ToUpperInvariant()})")}; breaks {string.Join(", ", fault.Breaks)}");
                return 0;
            }
            var names = parse.GetValue(only) ?? [];
            if (names.FirstOrDefault(n => !ServiceFaults.IsKnown(n)) is { } unknown)
            {
                Console.Error.WriteLine($"faults: unknown fault '{unknown}'");
                return 2;
            }
            var folder = parse.GetValue(report)!;
            var mode = parse.GetValue(embedded) ? DetectionMode.Embedded : DetectionMode.Wire;
            var verdicts = await FaultDetection.RunAsync(new RunOptions { ReportFolder = folder }, mode,
                names.Length == 0 ? null : names.Select(ServiceFaults.Named), Print, cancel);
            var caught = verdicts.Count(v => v.Detected);
            Console.WriteLine($"Recall ({mode.ToString().ToLowerInvariant()}): {caught}/{verdicts.Count} faults caught by the scenario of the requirement they break");
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "fault-detection.json"), JsonSerializer.Serialize(new
            {
                mode = mode.ToString().ToLowerInvariant(),
                caught,
                injected = verdicts.Count,
                faults = verdicts.Select(v => new { fault = v.Fault.Name, description = v.Fault.Description, breaks = v.Fault.Breaks, detected = v.Detected, caughtBy = v.Caught, elsewhere = v.Elsewhere, masked = v.Masked }),
            }, ReportJson.Options));
            return caught == verdicts.Count ? 0 : 1;
        });
        return command;
    }

    static void Print(FaultVerdict v)
    {
        Console.WriteLine($"{(v.Detected ? "CAUGHT" : "MISSED"),-6} {v.Fault.Name,-32} {(v.Detected ? string.Join(", ", v.Caught) : v.Fault.Description)}");
        if (v.Detected) return;
        foreach (var masked in v.Masked) Console.WriteLine($"         masked: {masked}");
        if (v.Elsewhere.Count > 0) Console.WriteLine($"         seen only elsewhere: {string.Join(", ", v.Elsewhere)}");
    }
}
