using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using Mesh.Client;
using Mesh.Client.Accounts;
using Mesh.Wire.Dare;

namespace Mesh.Conformance.Simulation;

/// <summary>An entry as the simulator recognises it, however a service re-encodes it: its UniqueID and the SHA-256 of its payload.</summary>
public readonly record struct EntryId(string? UniqueId, string PayloadHash)
{
    public static EntryId Of(DareEnvelope envelope) =>
        new(EnvelopeReader.TryMeta(envelope)?.UniqueID, Convert.ToHexString(SHA256.HashData(envelope.Payload ?? []))[..16]);

    public override string ToString() => $"{UniqueId ?? "(no UniqueID)"}:{PayloadHash}";
}

/// <summary>
/// What the simulated account holder knows: whether the account exists, its devices, every entry the service
/// acknowledged at each index of each container (null where an entry landed that no answer acknowledged), and the
/// Posts sent to it. Touched by one step at a time: rounds never run two steps of one account at once.
/// </summary>
public sealed class SimAccount(int index, string name, int devices)
{
    public int Index { get; } = index;
    public string Name { get; } = name;
    public MeshAccountKeys? Keys { get; set; }
    public bool Created { get; set; }
    public bool Deleted { get; set; }
    public bool Live => Created && !Deleted;
    public SimDevice[] Devices { get; } = Enumerable.Range(0, devices).Select(d => new SimDevice(index, d)).ToArray();
    public SimDevice Administrator => Devices[0];
    public Dictionary<string, List<EntryId?>> Acknowledged { get; } = new(StringComparer.Ordinal);
    /// <summary>Posts to this account by message id: true when the service acknowledged delivery.</summary>
    public Dictionary<string, bool> Posts { get; } = new(StringComparer.Ordinal);

    public List<EntryId?> AcknowledgedIn(string container) =>
        Acknowledged.TryGetValue(container, out var list) ? list : Acknowledged[container] = [];
}

/// <summary>One simulated device: its keys, its link to the service, its clock's skew, and its copy of the account's containers.</summary>
public sealed class SimDevice(int account, int index)
{
    public int Account { get; } = account;
    public int Index { get; } = index;
    public bool IsAdministrator => Index == 0;
    public MeshDeviceKeys? Keys { get; set; }
    public SimNetwork.DeviceLink? Link { get; set; }
    public MeshClient? Client { get; set; }
    public TimeSpan ClockSkew { get; set; }
    public bool Connected { get; set; }
    public Dictionary<string, List<EntryId>> Replica { get; } = new(StringComparer.Ordinal);

    public List<EntryId> ReplicaOf(string container) => Replica.TryGetValue(container, out var list) ? list : Replica[container] = [];

    public override string ToString() => $"a{Account}/d{Index}";
}

/// <summary>Counts by transaction and outcome, round-trip times, and transactions per second of the run.</summary>
public sealed class SimStats
{
    readonly ConcurrentDictionary<(string Transaction, string Outcome), int> counts = new();
    readonly ConcurrentDictionary<string, ConcurrentQueue<double>> latencies = new();
    readonly ConcurrentDictionary<int, int> perSecond = new();
    readonly Stopwatch clock = Stopwatch.StartNew();

    public void Count(string transaction, string outcome) => counts.AddOrUpdate((transaction, outcome), 1, (_, n) => n + 1);

    public void Completed(string transaction, TimeSpan elapsed)
    {
        latencies.GetOrAdd(transaction, _ => new()).Enqueue(elapsed.TotalMilliseconds);
        perSecond.AddOrUpdate((int)clock.Elapsed.TotalSeconds, 1, (_, n) => n + 1);
    }

    public IReadOnlyList<TransactionFigure> Transactions => counts
        .OrderBy(c => c.Key.Transaction, StringComparer.Ordinal).ThenBy(c => c.Key.Outcome, StringComparer.Ordinal)
        .Select(c => new TransactionFigure(c.Key.Transaction, c.Key.Outcome, c.Value)).ToList();

    public IReadOnlyList<LatencyFigure> Latencies => latencies.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l =>
    {
        var sorted = l.Value.Order().ToArray();
        double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        return new LatencyFigure(l.Key, sorted.Length, At(0.5), At(0.9), At(0.99), sorted[^1]);
    }).ToList();

    public IReadOnlyList<ThroughputPoint> Throughput
    {
        get
        {
            var last = perSecond.Keys.DefaultIfEmpty(-1).Max();
            return Enumerable.Range(0, last + 1).Select(s => new ThroughputPoint(s, perSecond.GetValueOrDefault(s))).ToList();
        }
    }
}
