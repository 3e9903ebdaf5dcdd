using Mesh.Conformance.Drivers;
using Mesh.Service.Faults;

namespace Mesh.Conformance.Runner;

/// <summary>Whether the suite noticed one injected fault, and which scenarios failed because of it.</summary>
public sealed record FaultVerdict(string Fault, string Description, IReadOnlyList<string> FailedScenarios)
{
    public bool Detected => FailedScenarios.Count > 0;
}

/// <summary>
/// Proves the suite catches faults: the whole suite runs once against the embedded service committing each
/// catalogue fault (vectors not compared, so only the checks can notice), and a fault is detected when at
/// least one scenario fails.
/// </summary>
public static class FaultDetection
{
    public static async Task<IReadOnlyList<FaultVerdict>> RunAsync(RunOptions template, IEnumerable<ServiceFault>? faults = null,
        Action<FaultVerdict>? onVerdict = null, CancellationToken cancel = default)
    {
        var verdicts = new List<FaultVerdict>();
        foreach (var fault in faults ?? ServiceFaults.All)
        {
            var options = template with { Fault = fault.Name, ReportFolder = Path.Combine(template.ReportFolder, "faults", fault.Name) };
            var outcome = await SuiteRunner.RunAsync(options, _ => { }, cancel);
            if (outcome.Results.Count == 0) throw new InvalidOperationException($"The suite did not run for fault {fault.Name}: {outcome.Output}");
            var verdict = new FaultVerdict(fault.Name, fault.Description,
                outcome.Results.Where(r => r.Verdict is Verdict.Fail or Verdict.Warn).Select(r => $"{r.Key} [{r.Profile}]").Distinct().Order(StringComparer.Ordinal).ToList());
            verdicts.Add(verdict);
            onVerdict?.Invoke(verdict);
        }
        return verdicts;
    }
}
