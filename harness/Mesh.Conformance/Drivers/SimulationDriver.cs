using Mesh.Conformance.Scenarios;
using Mesh.Conformance.Simulation;

namespace Mesh.Conformance.Drivers;

/// <summary>
/// A simulation inside a scenario: set up from the steps, run against the embedded service or the foreign target
/// the suite is aimed at, and judged by its invariants. A foreign target gets bare JSON (few services offer DARE
/// encapsulation) and keeps only the faults that need no control of the service.
/// </summary>
public sealed class SimulationDriver(ServiceTargetDriver target)
{
    public SimulationOptions Options { get; set; } = new();
    public SimulationResult? Result { get; private set; }

    public async Task RunAsync()
    {
        Result = await Simulator.RunAsync(await target.Target.AimAsync(Options));
    }

    /// <summary>Every invariant held; the first one broken fails the scenario with its step and what was seen.</summary>
    public void ExpectEveryInvariantHeld()
    {
        var result = Result ?? throw new InvalidOperationException("no simulation has run");
        var broken = result.Invariants.Where(i => i.State == InvariantState.Broken).ToList();
        if (broken.Count == 0) return;
        var first = broken[0];
        throw new ConformanceFailure($"Invariant {first.Name}: {first.Statement}",
            "every invariant holds (state digest " + result.StateDigest + ")",
            string.Join("; ", broken.Select(b => $"{b.Name} broken {b.Violations} times, first at step {b.FirstBrokenStep}: {b.Detail}")));
    }

    /// <summary>Each named invariant was checked at least once, not left unchecked for want of a chance.</summary>
    public void ExpectChecked(IEnumerable<string> names)
    {
        var result = Result ?? throw new InvalidOperationException("no simulation has run");
        foreach (var name in names)
        {
            var found = result.Invariants.FirstOrDefault(i => i.Name == name) ?? throw new ArgumentException($"no invariant {name}");
            if (found.Checks == 0)
                throw new ConformanceFailure($"Invariant {name} is checked", "at least one check", found.Reason ?? "no check was made");
        }
    }

    /// <summary>The simulation speaks DARE encapsulation: the embedded service only, since few services offer it.</summary>
    public void RequireEncapsulation()
    {
        Options = target.Target.WithEncapsulation(Options);
    }

    /// <summary>Every fault that applies to the target struck at least once, so the run proved something about each.</summary>
    public void ExpectEveryApplicableFaultInjected()
    {
        var result = Result ?? throw new InvalidOperationException("no simulation has run");
        var missed = result.Faults.Where(f => f.NotApplicable is null && f.Injected == 0).Select(f => $"{f.Fault} (0 of {f.Chances} chances)").ToList();
        if (missed.Count > 0) throw new ConformanceFailure("Every fault that applies strikes at least once", "each fault injected", "never injected: " + string.Join(", ", missed));
    }
}
