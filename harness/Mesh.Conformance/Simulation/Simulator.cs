using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Mesh.Service;
using Mesh.Wire.Dare;
using Mesh.Wire.Json;
using Mesh.Wire.Messages;
using Mesh.Wire.Protocol;

namespace Mesh.Conformance.Simulation;

/// <summary>
/// The protocol simulator: drives a population of accounts and devices through a seeded schedule against the
/// embedded reference service (or a foreign one), injects the planned faults, and checks the invariants as it goes
/// and once more at the end, when every device synchronises and the service's containers are read back whole.
/// Rounds of steps that touch different accounts run at once; every decision comes from the seed, so the same
/// seed gives the same schedule, the same outcomes and the same final state.
/// </summary>
public sealed partial class Simulator : IAsyncDisposable
{
    const int MaxAttempts = 6;
    const BinaryLayout Layout = BinaryLayout.Unwrapped;
    static readonly TimeSpan RoundLength = TimeSpan.FromSeconds(20);
    static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    readonly SimulationOptions options;
    readonly Schedule schedule;
    readonly FaultDice dice;
    readonly InvariantBook invariants = new();
    readonly SimStats stats = new();
    // Fixed within a round, moved on between rounds, so that expiry is repeatable.
    readonly ManualClock clock = new(Start);
    readonly ConcurrentBag<StepOutcome> outcomes = [];
    readonly ContainerNames names = new(ContainerSpelling.Names2019);
    readonly SimulatedService service;
    SimAccount[] accounts = [];
    SimNetwork? network;

    public Simulator(SimulationOptions options, Schedule? schedule = null)
    {
        // A schedule being replayed brings the seed, population, faults and encapsulation it was drawn with.
        this.options = schedule is null ? options : options with
        {
            Seed = schedule.Seed,
            Accounts = schedule.Accounts,
            DevicesPerAccount = schedule.DevicesPerAccount,
            Steps = schedule.Steps.Count,
            Faults = FaultPlan.Parse(schedule.Faults),
            Encapsulation = schedule.Encapsulation,
        };
        dice = new FaultDice(this.options.Seed, this.options.Faults);
        this.schedule = schedule ?? ScheduleGenerator.Generate(options, dice);
        service = SimulatedService.For(this.options);
    }

    public Schedule Schedule => schedule;

    /// <summary>The store of the service simulated, where the simulator can read it; null for a foreign service.</summary>
    public Mesh.Service.Storage.ServiceStore? Store => service.Store;
    /// <summary>Runs a schedule from start to end on a fresh service.</summary>
    public static async Task<SimulationResult> RunAsync(SimulationOptions options, Schedule? schedule = null, Action<int, int>? progress = null, CancellationToken cancel = default)
    {
        await using var simulator = new Simulator(options, schedule);
        return await simulator.RunAsync(progress, cancel);
    }
    bool Dare => options.Encapsulation;

    /// <summary>Runs the whole schedule; <paramref name="progress"/> hears (steps done, steps in all) after every round.</summary>
    public async Task<SimulationResult> RunAsync(Action<int, int>? progress = null, CancellationToken cancel = default)
    {
        var elapsed = Stopwatch.StartNew();
        await StartAsync();
        var rounds = ScheduleGenerator.Rounds(schedule.Steps, dice);
        var done = 0;
        for (var r = 0; r < rounds.Count; r++)
        {
            var round = rounds[r];
            if (round is [{ Kind: StepKind.Restart } restart]) await RestartAsync(restart, r);
            else
            {
                await Parallel.ForEachAsync(round, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Concurrency), CancellationToken = cancel },
                    async (step, token) => Outcome(step, r, await RunStepAsync(step, token)));
            }
            clock.Advance(RoundLength);
            done += round.Count;
            progress?.Invoke(done, schedule.Steps.Count);
        }
        var finalStep = schedule.Steps.Count == 0 ? 0 : schedule.Steps.Max(s => s.Number) + 1;
        var state = await SettleAsync(finalStep, cancel);
        elapsed.Stop();
        return Result(rounds.Count, elapsed.Elapsed, state);
    }

    async Task StartAsync()
    {
        network = await service.StartAsync(clock);
        // One account more than the population, never created: the address a Post to nobody goes to.
        accounts = Enumerable.Range(0, schedule.Accounts + 1).Select(a => new SimAccount(a, $"{service.AccountPrefix}a{a}@{service.AccountDomain}", schedule.DevicesPerAccount)).ToArray();
        foreach (var device in accounts.SelectMany(a => a.Devices))
        {
            if (dice.Fires(SimFaults.ClockSkew, device.Account, device.Index, salt: 1))
                device.ClockSkew = TimeSpan.FromSeconds(dice.Between("skew", device.Account, device.Index, -7200, 7200));
        }
        if (!Dare) invariants.NotChecked(Invariants.UnconnectedRefused, "bare JSON requests carry no authentication, so the service cannot tell which device asks (docs/encapsulation.md); run with DARE encapsulation");
    }

    void Outcome(SimStep step, int round, string outcome) => outcomes.Add(new StepOutcome(step.Number, round, step.Kind.ToString(), step.Actor, outcome));

    async Task<string> RunStepAsync(SimStep step, CancellationToken cancel)
    {
        var account = accounts[step.Account];
        try
        {
            return step.Kind switch
            {
                StepKind.CreateAccount => await CreateAccountAsync(step, account, cancel),
                StepKind.ConnectDevice => await ConnectDeviceAsync(step, account, cancel),
                StepKind.Upload => await UploadAsync(step, account, cancel),
                StepKind.Sync => await SyncStepAsync(step, account, cancel),
                StepKind.Post => await PostAsync(step, account, cancel),
                StepKind.Intrude => await IntrudeAsync(step, account, cancel),
                StepKind.DeleteAccount => await DeleteAccountAsync(step, account, cancel),
                _ => "not a step",
            };
        }
        catch (GaveUpException e) { return $"gave up: {e.Message}"; }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // An answer the simulator cannot use (a foreign service's unreadable acknowledgement, say) ends the step, not the run.
            stats.Count(step.Kind.ToString(), $"step failed: {e.GetType().Name}");
            return $"failed: {e.GetType().Name}: {e.Message}";
        }
    }

    sealed class GaveUpException(string message) : Exception(message);

    /// <summary>
    /// Every connected device synchronises (without faults) and must then hold exactly the service's containers,
    /// read back whole by the administrator; every acknowledged entry must be there; every Post is counted in its
    /// recipient's inbound spool. Returns the final state as text lines for the digest.
    /// </summary>
    async Task<List<string>> SettleAsync(int step, CancellationToken cancel)
    {
        var state = new List<string>();
        foreach (var account in accounts.Where(a => a.Live))
        {
            foreach (var device in account.Devices.Where(d => d.Connected)) await SyncAsync(new SimStep(step, StepKind.Sync, account.Index, device.Index), 1, account, device, cancel, faultFree: true);
            var held = await ReadAllAsync(step, account, cancel);
            if (held is null) continue;
            foreach (var (container, entries) in held.OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                state.AddRange(entries.Select((e, i) => $"{account.Name} {container} {i} {e}"));
                foreach (var device in account.Devices.Where(d => d.Connected))
                {
                    invariants.Check(Invariants.DevicesConverge, step, device.ReplicaOf(container).SequenceEqual(entries),
                        () => $"at the end, {device} holds {device.ReplicaOf(container).Count} entries of {container} in {account.Name}, the service {entries.Count}, and they differ");
                }
            }
            foreach (var (container, acknowledged) in account.Acknowledged)
            {
                var entries = held.GetValueOrDefault(container) ?? [];
                var missing = acknowledged.Select((id, i) => (id, i)).Where(x => x.id is not null && (x.i >= entries.Count || entries[x.i] != x.id)).ToList();
                invariants.Check(Invariants.AcknowledgedKept, step, missing.Count == 0,
                    () => $"at the end, {missing.Count} acknowledged entries of {container} in {account.Name} are missing or changed, the first at index {missing[0].i} ({missing[0].id})");
            }
            var inbound = held.GetValueOrDefault(names.Inbound) ?? [];
            foreach (var (messageId, delivered) in account.Posts)
            {
                var copies = inbound.Count(e => e.UniqueId == messageId);
                invariants.Check(Invariants.PostExactlyOnce, step, delivered ? copies == 1 : copies <= 1,
                    () => $"message {messageId} to {account.Name} was {(delivered ? "acknowledged" : "reported failed")} and is in the inbound spool {copies} times");
            }
        }
        return state;
    }

    /// <summary>Every container of the account, read whole by its administrator without faults.</summary>
    async Task<Dictionary<string, List<EntryId>>?> ReadAllAsync(int step, SimAccount account, CancellationToken cancel)
    {
        var admin = account.Administrator;
        var synthetic = new SimStep(step, StepKind.Sync, account.Index);
        var status = await SendAsync<StatusResponse>(synthetic, 30, admin, new StatusRequest { Account = account.Name }, cancel, faultFree: true);
        var containers = status.Result.Typed?.ContainerStatus?.Where(c => c.Container is not null && (c.Index ?? 0) > 0).ToList();
        if (containers is null) return null;
        if (containers.Count == 0) return [];
        var read = await SendAsync<DownloadResponse>(synthetic, 31, admin, new DownloadRequest
        {
            Account = account.Name,
            Select = containers.Select(c => new ConstraintsSelect { Container = c.Container, IndexMin = 0 }).ToList(),
        }, cancel, faultFree: true);
        return read.Result.Typed?.Updates?.ToDictionary(u => u.Container!, u => (u.Envelopes ?? []).Select(EntryId.Of).ToList(), StringComparer.Ordinal);
    }

    SimulationResult Result(int rounds, TimeSpan elapsed, List<string> state)
    {
        var ordered = outcomes.OrderBy(o => o.Round).ThenBy(o => o.Step).ToList();
        string Digest(IEnumerable<string> lines) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", lines)))).ToLowerInvariant();
        var live = accounts.Where(a => a.Live).ToList();
        return new SimulationResult(
            options,
            service.Name,
            ordered.Count,
            rounds,
            elapsed,
            Digest(state),
            Digest(ordered.Select(o => $"{o.Step} {o.Kind} {o.Actor} {o.Outcome}")),
            state.Count,
            live.Sum(a => a.Devices.Count(d => d.Connected)),
            stats.Transactions,
            stats.Latencies,
            stats.Throughput,
            dice.Figures(service.NotApplicable),
            invariants.Results(),
            options.KeepOutcomes ? ordered : []);
    }

    /// <summary>
    /// The entry with a PayloadDigest, as every entry this simulator's clients write: without one, bare JSON over plain
    /// HTTP gives the service no way to notice an entry corrupted on the way, and it would store and acknowledge it.
    /// </summary>
    static DareEnvelope WithDigest(DareEnvelope entry)
    {
        if (entry.Trailer?.PayloadDigest is not null) return entry;
        entry.Header.DigestAlgorithm = DareAlgorithms.Sha2;
        return new DareEnvelope { Header = entry.Header, Payload = entry.Payload, Trailer = new DareTrailer { PayloadDigest = SHA512.HashData(entry.Payload) } };
    }

    public async ValueTask DisposeAsync()
    {
        if (network is not null) await network.DisposeAsync();
        await service.DisposeAsync();
    }
}
