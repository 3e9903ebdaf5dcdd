using Mesh.Conformance.Drivers;
using Mesh.Service;
using Mesh.Service.Variations;

namespace Mesh.Conformance.Runner;

/// <summary>How the suite judged a service taking one conforming variation: it must not FAIL (precision).</summary>
/// <param name="Variation">The catalogue entry.</param>
/// <param name="Results">Every scenario's result.</param>
public sealed record VariationVerdict(ServiceVariation Variation, IReadOnlyList<ScenarioResult> Results)
{
    public IReadOnlyList<ScenarioResult> Failures => [.. Results.Where(r => r.Verdict == Verdict.Fail)];
    public IReadOnlyList<ScenarioResult> Warnings => [.. Results.Where(r => r.Verdict == Verdict.Warn)];
    public bool Conforms => Failures.Count == 0;
}

/// <summary>
/// Proves the suite does not fail conforming services: one run per catalogue variation, the service started
/// here and judged over the wire (<see cref="WireJudgement"/>) in the draft-03 profile.
/// </summary>
public static class VariationCheck
{
    public static async Task<IReadOnlyList<VariationVerdict>> RunAsync(RunOptions template, IEnumerable<ServiceVariation>? variations = null,
        Action<VariationVerdict>? onVerdict = null, CancellationToken cancel = default)
    {
        var verdicts = new List<VariationVerdict>();
        foreach (var variation in variations ?? ServiceVariations.All)
        {
            var options = template with { ReportFolder = Path.Combine(template.ReportFolder, "variations", variation.Name) };
            var outcome = await WireJudgement.RunAsync(new ServiceOptions().Take([variation.Name]), options, cancel: cancel);
            if (outcome.Results.Count == 0) throw new InvalidOperationException($"The suite did not run for variation {variation.Name}: {outcome.Output}");
            var verdict = new VariationVerdict(variation, outcome.Results);
            verdicts.Add(verdict);
            onVerdict?.Invoke(verdict);
        }
        return verdicts;
    }
}
