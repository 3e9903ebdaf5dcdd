namespace Mesh.Conformance.Simulation;

/// <summary>Transactions of one kind that ended one way (Accept, Conflict, Refused 401, Retried…).</summary>
public sealed record TransactionFigure(string Transaction, string Outcome, int Count);

/// <summary>Round-trip times of one transaction kind, in milliseconds.</summary>
public sealed record LatencyFigure(string Transaction, int Count, double P50, double P90, double P99, double Max);

/// <summary>Transactions completed in one second of the run.</summary>
public sealed record ThroughputPoint(int Second, int Transactions);

/// <summary>How often a fault was injected, out of the chances it had.</summary>
public sealed record FaultFigure(string Fault, double Rate, int Injected, int Chances, string? NotApplicable = null);

public enum InvariantState { Held, Broken, NotChecked }

/// <summary>One invariant at the end of a run: held, broken (first step and what was seen), or not checked and why.</summary>
public sealed record InvariantResult(string Name, string Statement, InvariantState State, int Checks, int Violations,
    int? FirstBrokenStep = null, string? Detail = null, string? Reason = null);

/// <summary>What one scheduled step did: its transactions' outcomes, in order.</summary>
public sealed record StepOutcome(int Step, int Round, string Kind, string Actor, string Outcome);

/// <summary>
/// A finished simulation: the digests that prove same seed, same result; figures by transaction, latency and
/// time; faults injected; and every invariant's result.
/// </summary>
public sealed record SimulationResult(
    SimulationOptions Options,
    string Target,
    int StepsRun,
    int Rounds,
    TimeSpan Elapsed,
    string StateDigest,
    string TraceDigest,
    int Entries,
    int ConnectedDevices,
    IReadOnlyList<TransactionFigure> Transactions,
    IReadOnlyList<LatencyFigure> Latencies,
    IReadOnlyList<ThroughputPoint> Throughput,
    IReadOnlyList<FaultFigure> Faults,
    IReadOnlyList<InvariantResult> Invariants,
    IReadOnlyList<StepOutcome> Outcomes)
{
    public bool Held => Invariants.All(i => i.State != InvariantState.Broken);
    public int TransactionCount => Transactions.Sum(t => t.Count);
    public double PerSecond => Elapsed.TotalSeconds <= 0 ? 0 : TransactionCount / Elapsed.TotalSeconds;
}
