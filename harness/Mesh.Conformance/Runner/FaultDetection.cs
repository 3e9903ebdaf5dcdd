using Mesh.Conformance.Drivers;
using Mesh.Service;
using Mesh.Service.Faults;

namespace Mesh.Conformance.Runner;

/// <summary>Where the faulty service runs when the suite judges it.</summary>
public enum DetectionMode
{
    /// <summary>Started by the runner and judged as a foreign target, through DNS and HTTP only (what a third party gets).</summary>
    Wire,
    /// <summary>Started by each scenario inside the suite's process, as the embedded reference service (internals visible).</summary>
    Embedded,
}

/// <summary>Whether the suite caught one injected fault, for the requirement the fault breaks.</summary>
/// <param name="Fault">The catalogue entry.</param>
/// <param name="Caught">The named scenarios (keys, with profile) that passed against the clean service and fail or warn against the faulty one.</param>
/// <param name="Elsewhere">Other scenarios that fail or warn against the faulty service only: a side effect, not a proof.</param>
/// <param name="Masked">Named scenarios that could not prove anything, with why: they did not pass against the clean service.</param>
public sealed record FaultVerdict(ServiceFault Fault, IReadOnlyList<string> Caught, IReadOnlyList<string> Elsewhere, IReadOnlyList<string> Masked)
{
    public bool Detected => Caught.Count > 0;

    /// <summary>
    /// Judges one fault from a clean run and a faulty run of the same selection: caught only when a scenario the
    /// fault names (<see cref="ServiceFault.Breaks"/>) passed clean and failed or warned faulty.
    /// </summary>
    public static FaultVerdict Judge(ServiceFault fault, IReadOnlyList<ScenarioResult> clean, IReadOnlyList<ScenarioResult> faulty)
    {
        static string Name(ScenarioResult r) => $"{r.Key} [{r.Profile}]";
        var cleanByName = clean.GroupBy(Name).ToDictionary(g => g.Key, g => g.First());
        bool PassedClean(ScenarioResult r) => cleanByName.TryGetValue(Name(r), out var c) && c.Verdict == Verdict.Pass;
        var findings = faulty.Where(r => r.Verdict is Verdict.Fail or Verdict.Warn && PassedClean(r)).ToList();
        var caught = findings.Where(r => fault.Breaks.Contains(r.Id)).Select(Name).Distinct().Order(StringComparer.Ordinal).ToList();
        var elsewhere = findings.Where(r => !fault.Breaks.Contains(r.Id)).Select(Name).Distinct().Order(StringComparer.Ordinal).ToList();
        var masked = clean.Where(r => fault.Breaks.Contains(r.Id) && r.Verdict != Verdict.Pass)
            .Select(r => $"{Name(r)} is {r.Verdict.ToString().ToUpperInvariant()} against the clean service: {FirstLine(r.Message)}")
            .Concat(fault.Breaks.Where(id => !clean.Any(r => r.Id == id)).Select(id => $"{id} did not run"))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        return new FaultVerdict(fault, caught, elsewhere, masked);
    }

    static string FirstLine(string? text) => text?.Split('\n')[0] ?? "";
}

/// <summary>
/// Proves the suite catches faults: a clean run, then one run per catalogue fault (vectors not compared, so only
/// the checks can notice), each judged by <see cref="FaultVerdict.Judge"/>. Over the wire a fault that needs TLS or
/// DARE encapsulation is committed by a service offering it, beside a clean service offering the same.
/// </summary>
public static class FaultDetection
{
    public static async Task<IReadOnlyList<FaultVerdict>> RunAsync(RunOptions template, DetectionMode mode, IEnumerable<ServiceFault>? faults = null,
        Action<FaultVerdict>? onVerdict = null, CancellationToken cancel = default)
    {
        var clean = new Dictionary<FaultSetting, IReadOnlyList<ScenarioResult>>();
        var verdicts = new List<FaultVerdict>();
        foreach (var fault in faults ?? ServiceFaults.All)
        {
            if (!clean.TryGetValue(fault.Setting, out var baseline))
                clean[fault.Setting] = baseline = await RunOnceAsync(template, mode, fault.Setting, null, "clean-" + fault.Setting.ToString().ToLowerInvariant(), cancel);
            var faulty = await RunOnceAsync(template, mode, fault.Setting, fault.Name, fault.Name, cancel);
            var verdict = FaultVerdict.Judge(fault, baseline, faulty);
            verdicts.Add(verdict);
            onVerdict?.Invoke(verdict);
        }
        return verdicts;
    }

    static async Task<IReadOnlyList<ScenarioResult>> RunOnceAsync(RunOptions template, DetectionMode mode, FaultSetting setting, string? fault, string folder, CancellationToken cancel)
    {
        var options = template with { ReportFolder = Path.Combine(template.ReportFolder, "faults", folder), Vectors = Vectors.VectorMode.Off };
        var outcome = mode == DetectionMode.Wire
            ? await WireJudgement.RunAsync(new ServiceOptions { Fault = fault, DareEncapsulation = setting == FaultSetting.Dare }, options, setting == FaultSetting.Tls, cancel)
            : await SuiteRunner.RunAsync(options with { Fault = fault }, _ => { }, cancel);
        if (outcome.Results.Count == 0) throw new InvalidOperationException($"The suite did not run for {folder}: {outcome.Output}");
        return outcome.Results;
    }
}
