namespace Mesh.Conformance.Simulation;

/// <summary>A schedule shrunk as far as it would go while still breaking the invariant, and what the shrinking cost.</summary>
public sealed record ShrunkSchedule(Schedule Schedule, SimulationResult Result, int Runs);

/// <summary>
/// Shrinks a failing schedule: removes runs of steps, halving their length down to single steps, and keeps each
/// removal after which a fresh simulation still breaks the same invariant. Steps keep their numbers, so the fault
/// decisions drawn for them stay the same; a step whose account no longer exists is skipped when it runs.
/// </summary>
public static class Shrinker
{
    public static async Task<ShrunkSchedule> ShrinkAsync(SimulationOptions options, Schedule failing, SimulationResult failed, string invariant,
        int maxRuns = 300, Action<string>? progress = null, CancellationToken cancel = default)
    {
        var steps = failing.Steps.ToList();
        var result = failed;
        var runs = 0;
        for (var chunk = Math.Max(1, steps.Count / 2); chunk >= 1 && runs < maxRuns; chunk /= 2)
        {
            for (var start = 0; start < steps.Count && runs < maxRuns;)
            {
                var candidate = steps.Take(start).Concat(steps.Skip(start + chunk)).ToList();
                var attempt = await Simulator.RunAsync(options with { KeepOutcomes = true }, failing.WithSteps(candidate), cancel: cancel);
                runs++;
                if (Breaks(attempt, invariant))
                {
                    steps = candidate;
                    result = attempt;
                    progress?.Invoke($"{steps.Count} steps still break {invariant}");
                }
                else start += chunk;
            }
            if (chunk == 1) break;
        }
        return new ShrunkSchedule(failing.WithSteps(steps), result, runs);
    }

    public static bool Breaks(SimulationResult result, string invariant) =>
        result.Invariants.Any(i => i.Name == invariant && i.State == InvariantState.Broken);
}
