namespace Mesh.Conformance.Simulation;

/// <summary>The simulator's invariants, by name, with what each one states.</summary>
public static class Invariants
{
    public const string AcknowledgedKept = "acknowledged-entries-kept";
    public const string OneEntryPerIndex = "one-entry-per-index";
    public const string DevicesConverge = "devices-converge";
    public const string ConflictsReported = "conflicts-reported";
    public const string UnconnectedRefused = "unconnected-device-refused";
    public const string PostExactlyOnce = "post-exactly-once";
    public const string No5xx = "no-5xx-for-well-formed";

    public static IReadOnlyList<(string Name, string Statement)> All { get; } =
    [
        (AcknowledgedKept, "No acknowledged entry is ever lost or changed, restarts included"),
        (OneEntryPerIndex, "At most one entry per container index"),
        (DevicesConverge, "Every device of an account holds exactly the service's containers after synchronising"),
        (ConflictsReported, "An upload at a stale index is refused as a conflict, never merged silently"),
        (UnconnectedRefused, "A device not connected to an account never reads or writes it"),
        (PostExactlyOnce, "Every Post is delivered exactly once to each recipient's inbound spool, or reported failed and delivered at most once"),
        (No5xx, "The service never answers 5xx to a well-formed request"),
    ];
}

/// <summary>
/// Where the simulator records every check as it makes it: the first violation of each invariant (its step and
/// what was seen) and how many checks and violations there were. Safe to use from concurrent steps.
/// </summary>
public sealed class InvariantBook
{
    sealed class Entry
    {
        public int Checks;
        public int Violations;
        public int? FirstStep;
        public string? Detail;
    }

    readonly Dictionary<string, Entry> entries = Invariants.All.ToDictionary(i => i.Name, _ => new Entry());
    readonly Dictionary<string, string> notChecked = [];

    /// <summary>Records one check of <paramref name="invariant"/> at <paramref name="step"/>; <paramref name="detail"/> is only asked for when it failed.</summary>
    public bool Check(string invariant, int step, bool holds, Func<string> detail)
    {
        lock (entries)
        {
            var entry = entries[invariant];
            entry.Checks++;
            if (holds) return true;
            entry.Violations++;
            if (entry.FirstStep is null || step < entry.FirstStep)
            {
                entry.FirstStep = step;
                entry.Detail = detail();
            }
            return false;
        }
    }

    public void NotChecked(string invariant, string reason)
    {
        lock (entries) notChecked[invariant] = reason;
    }

    public bool AnyBroken
    {
        get { lock (entries) return entries.Values.Any(e => e.Violations > 0); }
    }

    public IReadOnlyList<InvariantResult> Results()
    {
        lock (entries)
        {
            return Invariants.All.Select(i =>
            {
                var e = entries[i.Name];
                if (e.Violations > 0) return new InvariantResult(i.Name, i.Statement, InvariantState.Broken, e.Checks, e.Violations, e.FirstStep, e.Detail);
                if (notChecked.TryGetValue(i.Name, out var reason)) return new InvariantResult(i.Name, i.Statement, InvariantState.NotChecked, e.Checks, 0, Reason: reason);
                if (e.Checks == 0) return new InvariantResult(i.Name, i.Statement, InvariantState.NotChecked, 0, 0, Reason: "no step of this schedule gave it a chance to be checked");
                return new InvariantResult(i.Name, i.Statement, InvariantState.Held, e.Checks, 0);
            }).ToList();
        }
    }
}
