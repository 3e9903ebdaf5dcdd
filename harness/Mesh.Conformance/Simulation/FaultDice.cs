using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Mesh.Conformance.Simulation;

/// <summary>
/// Every fault decision of a run, drawn from the seed and the place it is made (fault, step, attempt), not from a
/// shared sequence: the decisions do not depend on timing, and a step keeps its decisions when a schedule is shrunk.
/// Counts each fault's chances and injections for the report.
/// </summary>
public sealed class FaultDice(int seed, FaultPlan plan)
{
    readonly ConcurrentDictionary<string, int> chances = new();
    readonly ConcurrentDictionary<string, int> injected = new();

    public FaultPlan Plan => plan;

    /// <summary>A number in [0, 1) fixed by the seed and the arguments.</summary>
    public double Value(string what, int step, int attempt = 0, int salt = 0)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}/{what}/{step}/{attempt}/{salt}"), hash);
        return (BitConverter.ToUInt64(hash) >> 11) / (double)(1UL << 53);
    }

    public int Between(string what, int step, int attempt, int min, int maxExclusive) =>
        min + (int)(Value(what, step, attempt) * (maxExclusive - min));

    /// <summary>Whether the fault strikes here: one chance counted, and an injection when it does.</summary>
    public bool Fires(string fault, int step, int attempt = 0, int salt = 0)
    {
        if (!plan.IsOn(fault)) return false;
        chances.AddOrUpdate(fault, 1, (_, n) => n + 1);
        var fires = Value(fault, step, attempt, salt) < plan.RateOf(fault);
        if (fires) injected.AddOrUpdate(fault, 1, (_, n) => n + 1);
        return fires;
    }

    public IReadOnlyList<FaultFigure> Figures(Func<string, string?> notApplicable) => SimFaults.All
        .Where(f => plan.IsOn(f.Name))
        .Select(f => new FaultFigure(f.Name, plan.RateOf(f.Name), injected.GetValueOrDefault(f.Name), chances.GetValueOrDefault(f.Name), notApplicable(f.Name)))
        .ToList();
}
