using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Encoding = System.Text.Encoding;
using Mesh.Client;
using Mesh.Client.Accounts;
using Mesh.Conformance.Targets;
using Mesh.Dns.Discovery;
using Mesh.Service;
using Mesh.Wire.Crypto;
using Mesh.Wire.Dare;
using Mesh.Wire.Json;
using Mesh.Wire.Messages;
using Mesh.Wire.Objects;

namespace Mesh.Conformance.Simulation;

/// <summary>
/// The protocol simulator: drives a population of accounts and devices through a seeded schedule against the
/// embedded reference service (or a foreign one), injects the planned faults, and checks the invariants as it goes
/// and once more at the end, when every device synchronises and the service's containers are read back whole.
/// Rounds of steps that touch different accounts run at once; every decision comes from the seed, so the same
/// seed gives the same schedule, the same outcomes and the same final state.
/// </summary>
public sealed class Simulator : IAsyncDisposable
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
    readonly SimClock clock = new(Start);
    readonly ConcurrentBag<StepOutcome> outcomes = [];
    readonly ContainerNames names = new(ContainerSpelling.Names2019);
    readonly string? temporaryStore;
    SimAccount[] accounts = [];
    EmbeddedService? service;
    SimNetwork? network;
    Uri? serviceUri;

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
        if (Embedded && options.StoreFolder is null && this.options.Faults.IsOn(SimFaults.Restart))
            temporaryStore = Directory.CreateTempSubdirectory("mesh-sim-").FullName;
    }

    public Schedule Schedule => schedule;
    /// <summary>The embedded service, while the simulator lives; null for a foreign one.</summary>
    public EmbeddedService? Service => service;

    /// <summary>Runs a schedule from start to end on a fresh service.</summary>
    public static async Task<SimulationResult> RunAsync(SimulationOptions options, Schedule? schedule = null, Action<int, int>? progress = null, CancellationToken cancel = default)
    {
        await using var simulator = new Simulator(options, schedule);
        return await simulator.RunAsync(progress, cancel);
    }
    bool Embedded => options.Target is null;
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
        if (Embedded)
        {
            service = await EmbeddedService.StartAsync(new EmbeddedServiceOptions
            {
                Service = new ServiceOptions
                {
                    DareEncapsulation = Dare,
                    Clock = clock,
                    Random = new RequestKeyedRandom($"simulation/{options.Seed}"),
                    Fault = options.ServiceFault,
                },
                StoreFolder = options.StoreFolder ?? temporaryStore,
            });
            network = new SimNetwork(service.Dns, service.Domain);
        }
        else
        {
            network = new SimNetwork(null, options.Target!.Host, options.Dns, options.Pin);
            serviceUri = options.Target;
        }
        var domain = Embedded ? service!.Domain : options.AccountDomain ?? AccountDomain(options.Target!);
        // A foreign service keeps what earlier runs left: this run's accounts get names of their own.
        var prefix = Embedded ? "" : $"sim{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}-";
        accounts = Enumerable.Range(0, schedule.Accounts).Select(a => new SimAccount(a, $"{prefix}a{a}@{domain}", schedule.DevicesPerAccount)).ToArray();
        foreach (var device in accounts.SelectMany(a => a.Devices))
        {
            if (dice.Fires(SimFaults.ClockSkew, device.Account, device.Index, salt: 1))
                device.ClockSkew = TimeSpan.FromSeconds(dice.Between("skew", device.Account, device.Index, -7200, 7200));
        }
        if (!Dare) invariants.NotChecked(Invariants.UnconnectedRefused, "bare JSON requests carry no authentication, so the service cannot tell which device asks (decisions.md §2); run with DARE encapsulation");
    }

    static string AccountDomain(Uri target) => target.Host.StartsWith("mmm.", StringComparison.OrdinalIgnoreCase) ? target.Host[4..] : target.Host;

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

    // ---- Steps ----

    async Task<string> CreateAccountAsync(SimStep step, SimAccount account, CancellationToken cancel)
    {
        if (account.Created) return "skipped: already created";
        account.Keys ??= MeshAccountKeys.FromSeed($"simulation/{options.Seed}/{account.Name}");
        var admin = account.Administrator;
        if (!await BringOnlineAsync(step, account, admin, account.Keys.MeshOnline, account.Keys.MeshEncryption, null, cancel)) return "service not found";
        var sent = await SendAsync<CreateResponse>(step, 1, admin, account.Keys.CreateRequest(account.Name, Layout), cancel);
        // After a lost answer, "account exists" is our own first attempt.
        account.Created = sent.Succeeded || (sent.Status == 409 && sent.MaybeApplied);
        if (account.Created) admin.Connected = true;
        return account.Created ? "created" : $"refused {sent.Status}: {sent.Result?.Response?.StatusDescription}";
    }

    async Task<string> ConnectDeviceAsync(SimStep step, SimAccount account, CancellationToken cancel)
    {
        var device = account.Devices[step.Device];
        if (!account.Live) return "skipped: no account";
        if (device.Connected) return "skipped: already connected";
        var keys = DeviceKeys(device);
        if (!await BringOnlineAsync(step, account, device, keys.Authentication, keys.Encryption, keys.EnvelopedProfileDevice(Layout), cancel)) return "service not found";
        var nonce = SHA256.HashData(Encoding.UTF8.GetBytes($"{options.Seed}/{step.Number}/nonce"))[..16];
        var connect = await SendAsync<ConnectResponse>(step, 1, device, keys.ConnectRequest(account.Name, nonce, Layout), cancel);
        if (connect.Result?.Typed?.EnvelopedConnectionResponse is not { } acknowledgement) return $"Connect refused {connect.Status}";
        var messageId = EnvelopeReader.Payload<AcknowledgeConnection>(acknowledgement).MessageID!;

        var admin = account.Administrator;
        var status = await SendAsync<StatusResponse>(step, 2, admin, new StatusRequest { Account = account.Name }, cancel);
        if (status.Result?.Typed is not { } counts) return $"Status refused {status.Status}";
        int Count(string container) => counts.ContainerStatus?.FirstOrDefault(c => c.Container == container)?.Index ?? 0;
        var acceptance = account.Keys!.AcceptDevice(account.Name, keys.EnvelopedProfileDevice(Layout), messageId,
            (names.Device, Count(names.Device)), (names.Local, Count(names.Local)), Layout);
        foreach (var update in acceptance.Upload.Updates!) update.Envelopes = update.Envelopes!.Select(WithDigest).ToList();
        var upload = await UploadEntriesAsync(step, 3, admin, account, acceptance.Upload, cancel);
        if (upload != "accepted" && upload != "reconciled") return $"acceptance {upload}";

        var complete = await SendAsync<Response>(step, 4, device, new CompleteRequest { Account = account.Name, ResponseID = acceptance.ResponseId }, cancel);
        if (!complete.Succeeded) return $"Complete refused {complete.Status}";
        device.Connected = true;
        return "connected";
    }

    async Task<string> UploadAsync(SimStep step, SimAccount account, CancellationToken cancel)
    {
        var device = account.Devices[step.Device];
        if (!account.Live || !device.Connected) return "skipped: not connected";
        var container = step.Container!;
        var view = device.ReplicaOf(container).Count;
        var payloads = Enumerable.Range(0, step.Count).Select(k => (Id: $"s{step.Number}-{k}", Text: $"{container} entry {k} of step {step.Number} by {device}")).ToList();
        UploadRequest Request(int first) => new()
        {
            Account = account.Name,
            Updates = [new() { Container = container, Envelopes = payloads.Select((p, k) => Entry(device, p.Id, p.Text, first + k)).ToList() }],
        };
        var outcome = await UploadEntriesAsync(step, 1, device, account, Request(view), cancel);
        if (outcome != "conflict") return outcome;
        // A conflict is reported to the device, which synchronises and uploads again on top of what it now knows.
        await SyncAsync(step, 2, account, device, cancel);
        var rebased = await UploadEntriesAsync(step, 3, device, account, Request(device.ReplicaOf(container).Count), cancel);
        return $"conflict, rebased: {rebased}";
    }

    /// <summary>
    /// Sends an Upload and keeps the books: an acceptance is checked against what was acknowledged before (a stale
    /// index accepted is a conflict merged silently) and recorded; a conflict after a lost answer is settled by reading
    /// the entries back. Returns accepted, reconciled, conflict or why not.
    /// </summary>
    async Task<string> UploadEntriesAsync(SimStep step, int ordinal, SimDevice device, SimAccount account, UploadRequest request, CancellationToken cancel)
    {
        var sent = await SendAsync<UploadResponse>(step, ordinal, device, request, cancel);
        var updates = request.Updates!.Where(u => u.Envelopes is { Count: > 0 }).ToList();
        if (sent.Succeeded)
        {
            foreach (var update in updates)
            {
                var first = update.Envelopes![0].Header.ContainerInfo!.Index!.Value;
                var known = account.AcknowledgedIn(update.Container!).Count;
                invariants.Check(Invariants.ConflictsReported, step.Number, first >= known,
                    () => $"{device} uploaded to {update.Container} of {account.Name} at index {first}, but {known} entries were already acknowledged there: the service accepted a stale index instead of answering 409");
                Acknowledge(step, device, account, update.Container!, first, update.Envelopes!);
            }
            return "accepted";
        }
        if (sent.Status != 409) return $"refused {sent.Status}";
        if (sent.MaybeApplied && await LandedAsync(step, ordinal, device, account, updates, cancel))
        {
            foreach (var update in updates) Acknowledge(step, device, account, update.Container!, update.Envelopes![0].Header.ContainerInfo!.Index!.Value, update.Envelopes!);
            return "reconciled";
        }
        return "conflict";
    }

    // Whether an upload whose answer was lost is in the service after all, entry for entry at its indexes.
    async Task<bool> LandedAsync(SimStep step, int ordinal, SimDevice device, SimAccount account, List<ContainerUpdate> updates, CancellationToken cancel)
    {
        var select = updates.Select(u => new ConstraintsSelect
        {
            Container = u.Container,
            IndexMin = u.Envelopes![0].Header.ContainerInfo!.Index,
            IndexMax = u.Envelopes![^1].Header.ContainerInfo!.Index,
        }).ToList();
        var read = await SendAsync<DownloadResponse>(step, ordinal + 20, device, new DownloadRequest { Account = account.Name, Select = select }, cancel);
        if (read.Result?.Typed?.Updates is not { } found) return false;
        return updates.All(u => found.FirstOrDefault(f => f.Container == u.Container)?.Envelopes?.Select(EntryId.Of).SequenceEqual(u.Envelopes!.Select(EntryId.Of)) == true);
    }

    void Acknowledge(SimStep step, SimDevice device, SimAccount account, string container, int first, IReadOnlyList<DareEnvelope> entries)
    {
        var list = account.AcknowledgedIn(container);
        for (var k = 0; k < entries.Count; k++)
        {
            var index = first + k;
            var id = EntryId.Of(entries[k]);
            while (list.Count < index) list.Add(null); // landed, but no answer said what
            if (index == list.Count) list.Add(id);
            else
            {
                var earlier = list[index];
                invariants.Check(Invariants.OneEntryPerIndex, step.Number, earlier is null || earlier == id,
                    () => $"index {index} of {container} in {account.Name} was acknowledged for {earlier} and again, by {device}, for {id}");
                list[index] ??= id;
            }
        }
        if (device.ReplicaOf(container).Count == first) device.ReplicaOf(container).AddRange(entries.Select(EntryId.Of));
    }

    async Task<string> SyncStepAsync(SimStep step, SimAccount account, CancellationToken cancel)
    {
        var device = account.Devices[step.Device];
        if (!account.Live || !device.Connected) return "skipped: not connected";
        return await SyncAsync(step, 1, account, device, cancel);
    }

    /// <summary>
    /// Status, then one Download of everything the device has not seen; every entry read is held against what was
    /// acknowledged at its index, and afterwards the device must hold as many entries as the service reports.
    /// </summary>
    async Task<string> SyncAsync(SimStep step, int ordinal, SimAccount account, SimDevice device, CancellationToken cancel, bool faultFree = false)
    {
        var status = await SendAsync<StatusResponse>(step, ordinal, device, new StatusRequest { Account = account.Name }, cancel, faultFree);
        if (status.Result?.Typed is not { } counts) return $"Status refused {status.Status}";
        var behind = (counts.ContainerStatus ?? []).Where(c => c.Container is not null && (c.Index ?? 0) != device.ReplicaOf(c.Container).Count).ToList();
        foreach (var shrunk in behind.Where(c => (c.Index ?? 0) < device.ReplicaOf(c.Container!).Count))
        {
            invariants.Check(Invariants.AcknowledgedKept, step.Number, false,
                () => $"{shrunk.Container} of {account.Name} has {shrunk.Index} entries, but {device} had already read {device.ReplicaOf(shrunk.Container!).Count}");
        }
        var select = behind.Where(c => (c.Index ?? 0) > device.ReplicaOf(c.Container!).Count)
            .Select(c => new ConstraintsSelect { Container = c.Container, IndexMin = device.ReplicaOf(c.Container!).Count }).ToList();
        if (select.Count == 0) return "up to date";
        var read = await SendAsync<DownloadResponse>(step, ordinal + 10, device, new DownloadRequest { Account = account.Name, Select = select }, cancel, faultFree);
        if (read.Result?.Typed is not { } download) return $"Download refused {read.Status}";
        var fetched = 0;
        foreach (var update in download.Updates ?? [])
        {
            var replica = device.ReplicaOf(update.Container!);
            var acknowledged = account.AcknowledgedIn(update.Container!);
            foreach (var envelope in update.Envelopes ?? [])
            {
                var position = replica.Count;
                var id = EntryId.Of(envelope);
                var framed = envelope.Header.ContainerInfo?.Index;
                invariants.Check(Invariants.OneEntryPerIndex, step.Number, framed is null || framed == position,
                    () => $"entry {position} of {update.Container} in {account.Name} is framed as index {framed}");
                var expected = position < acknowledged.Count ? acknowledged[position] : null;
                invariants.Check(Invariants.AcknowledgedKept, step.Number, expected is null || expected == id,
                    () => $"index {position} of {update.Container} in {account.Name} holds {id}, but {expected} was acknowledged there");
                replica.Add(id);
                fetched++;
            }
            var reported = counts.ContainerStatus!.First(c => c.Container == update.Container).Index ?? 0;
            invariants.Check(Invariants.DevicesConverge, step.Number, replica.Count == reported,
                () => $"after synchronising, {device} holds {replica.Count} entries of {update.Container} in {account.Name}; the service reports {reported}");
        }
        return $"synchronised {fetched}";
    }

    async Task<string> PostAsync(SimStep step, SimAccount account, CancellationToken cancel)
    {
        var device = account.Devices[step.Device];
        if (!account.Live || !device.Connected) return "skipped: not connected";
        var recipient = accounts[step.Other];
        var messageId = $"m{step.Number}";
        var message = Entry(device, messageId, $"message of step {step.Number} from {account.Name}", null);
        var sent = await SendAsync<PostResponse>(step, 2, device, new PostRequest { Accounts = [recipient.Name], Message = [message] }, cancel);
        if (recipient.Live) recipient.Posts[messageId] = sent.Succeeded;
        else invariants.Check(Invariants.PostExactlyOnce, step.Number, !sent.Succeeded,
            () => $"the service acknowledged message {messageId} to {recipient.Name}, an account it does not hold: delivered nowhere");
        return sent.Succeeded ? "delivered" : $"reported failed {sent.Status}";
    }

    async Task<string> IntrudeAsync(SimStep step, SimAccount account, CancellationToken cancel)
    {
        var victim = accounts[step.Other];
        var intruder = account.Devices[step.Device];
        if (!victim.Live) return "skipped: no account to intrude on";
        if (step.Other == step.Account && intruder.Connected) return "skipped: the device is connected by now";
        if (intruder.Client is null)
        {
            var keys = DeviceKeys(intruder);
            if (!await BringOnlineAsync(step, account, intruder, keys.Authentication, keys.Encryption, keys.EnvelopedProfileDevice(Layout), cancel)) return "service not found";
        }
        // It signs as itself, with no ticket: a ticket names the account it was issued for.
        var session = intruder.Client!.Encapsulation;
        if (session is not null) session.UseTickets = false;
        try
        {
            var read = await SendAsync<DownloadResponse>(step, 1, intruder, new DownloadRequest { Account = victim.Name, Select = [new() { Container = names.Device }] }, cancel);
            Refused(read, "read");
            var index = victim.AcknowledgedIn(ScheduleGenerator.Catalogs[0]).Count;
            var write = await SendAsync<UploadResponse>(step, 2, intruder, new UploadRequest
            {
                Account = victim.Name,
                Updates = [new() { Container = ScheduleGenerator.Catalogs[0], Envelopes = [Entry(intruder, $"intruder-{step.Number}", "not yours", index)] }],
            }, cancel);
            Refused(write, "wrote to");
            return $"refused {read.Status}/{write.Status}";
        }
        finally
        {
            if (session is not null) session.UseTickets = true;
        }

        void Refused(Sent sent, string what) => invariants.Check(Invariants.UnconnectedRefused, step.Number, !sent.Succeeded,
            () => $"{intruder}, not connected to {victim.Name}, {what} it: Status {sent.Status}");
    }

    async Task<string> DeleteAccountAsync(SimStep step, SimAccount account, CancellationToken cancel)
    {
        if (!account.Live) return "skipped: no account";
        var sent = await SendAsync<DeleteResponse>(step, 1, account.Administrator, new DeleteRequest { Account = account.Name }, cancel);
        account.Deleted = sent.Succeeded || (sent.Status == 404 && sent.MaybeApplied);
        return account.Deleted ? "deleted" : $"refused {sent.Status}";
    }

    async Task RestartAsync(SimStep step, int round)
    {
        if (service is null)
        {
            Outcome(step, round, "skipped: a foreign service is not restarted");
            return;
        }
        await service.RestartAsync();
        network!.Renew();
        Outcome(step, round, "restarted");
        // Whatever was acknowledged before the restart must be there after it.
        foreach (var account in accounts.Where(a => a.Live))
        {
            var kept = await ReadAllAsync(step.Number, account, CancellationToken.None);
            foreach (var (container, acknowledged) in account.Acknowledged)
            {
                var held = kept?.GetValueOrDefault(container) ?? [];
                for (var i = 0; i < acknowledged.Count; i++)
                {
                    var expected = acknowledged[i];
                    if (expected is null) continue;
                    invariants.Check(Invariants.AcknowledgedKept, step.Number, i < held.Count && held[i] == expected,
                        () => $"after the restart, index {i} of {container} in {account.Name} holds {(i < held.Count ? held[i] : "nothing")}; {expected} was acknowledged");
                }
            }
        }
    }

    // ---- The end: settle, check, digest ----

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
        var containers = status.Result?.Typed?.ContainerStatus?.Where(c => c.Container is not null && (c.Index ?? 0) > 0).ToList();
        if (containers is null) return null;
        if (containers.Count == 0) return [];
        var read = await SendAsync<DownloadResponse>(synthetic, 31, admin, new DownloadRequest
        {
            Account = account.Name,
            Select = containers.Select(c => new ConstraintsSelect { Container = c.Container, IndexMin = 0 }).ToList(),
        }, cancel, faultFree: true);
        return read.Result?.Typed?.Updates?.ToDictionary(u => u.Container!, u => (u.Envelopes ?? []).Select(EntryId.Of).ToList(), StringComparer.Ordinal);
    }

    SimulationResult Result(int rounds, TimeSpan elapsed, List<string> state)
    {
        var ordered = outcomes.OrderBy(o => o.Round).ThenBy(o => o.Step).ToList();
        string Digest(IEnumerable<string> lines) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", lines)))).ToLowerInvariant();
        var live = accounts.Where(a => a.Live).ToList();
        return new SimulationResult(
            options,
            TargetName,
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
            dice.Figures(NotApplicable),
            invariants.Results(),
            options.KeepOutcomes ? ordered : []);
    }

    string TargetName
    {
        get
        {
            if (!Embedded) return options.Target!.ToString();
            var store = options.StoreFolder ?? temporaryStore;
            return "embedded, " + (store is null ? "memory store" : "file store " + store) + (options.ServiceFault is { } fault ? ", fault " + fault : "");
        }
    }

    string? NotApplicable(string fault) => fault switch
    {
        SimFaults.Restart or SimFaults.SlowDns or SimFaults.DnsFailure when !Embedded => "needs the embedded service and its DNS server",
        _ => null,
    };

    // ---- Devices and transactions ----

    MeshDeviceKeys DeviceKeys(SimDevice device) => device.Keys ??= MeshDeviceKeys.FromSeed($"simulation/{options.Seed}/{accounts[device.Account].Name}/device{device.Index}");

    /// <summary>
    /// Finds the service through DNS (the slow-dns and dns-failure faults strike here; a failed discovery is tried
    /// again), and gives the device a client; under DARE encapsulation, a session with its keys and a Hello.
    /// </summary>
    async Task<bool> BringOnlineAsync(SimStep step, SimAccount account, SimDevice device, KeyPair signer, KeyPair decryption, DareEnvelope? deviceProfile, CancellationToken cancel)
    {
        var uri = serviceUri;
        for (var attempt = 0; uri is null && attempt < MaxAttempts; attempt++)
        {
            var slow = dice.Fires(SimFaults.SlowDns, step.Number, attempt, device.Index);
            var failing = dice.Fires(SimFaults.DnsFailure, step.Number, attempt, device.Index);
            var started = Stopwatch.GetTimestamp();
            try
            {
                uri = await network!.DiscoverAsync(account.Name, slow, failing, cancel);
                stats.Count("discovery", slow ? "slow" : "found");
            }
            catch (DiscoveryException) { stats.Count("discovery", "failed, tried again"); }
            stats.Completed("discovery", Stopwatch.GetElapsedTime(started));
        }
        if (uri is null) return false;
        device.Link ??= network!.NewLink();
        device.Client = new MeshClient(device.Link, uri, new MeshClientOptions { Layout = Layout, Timeout = TimeSpan.FromSeconds(60) });
        if (Dare)
        {
            device.Client.Encapsulation = new DareSession(new SeededRandomSource($"simulation/{options.Seed}/{device}/session"))
            {
                Signer = signer,
                Decryption = decryption,
                DeviceProfile = deviceProfile,
            };
            var hello = await SendAsync<MeshHelloResponse>(step, 0, device, new HelloRequest(), cancel);
            if (!hello.Succeeded) return false;
        }
        return true;
    }

    /// <summary>A transaction's last answer, and whether an earlier attempt may have acted although its answer was lost.</summary>
    sealed record Sent(MeshResult<Response>? Result, bool MaybeApplied)
    {
        public int? Status => Result?.Status;
        public bool Succeeded => Result?.Succeeded == true;
    }

    sealed record Sent<T>(MeshResult<T>? Result, bool MaybeApplied) where T : Response
    {
        public int? Status => Result?.Status;
        public bool Succeeded => Result?.Succeeded == true;
        public static implicit operator Sent(Sent<T> sent) => new(sent.Result is null ? null : new MeshResult<Response>(sent.Result.HttpStatus, sent.Result.Response, sent.Result.Problems, sent.Result.Exchange), sent.MaybeApplied);
    }

    /// <summary>
    /// Sends one transaction as a device, through the faults drawn for this step, transaction and attempt: lost
    /// requests and answers are sent again, as are requests the network corrupted, and requests refused for a ticket
    /// the service no longer honours (expired, or forgotten in a restart) go again with a signature. Checks that no
    /// answer to a well-formed request is 5xx.
    /// </summary>
    async Task<Sent<T>> SendAsync<T>(SimStep step, int ordinal, SimDevice device, Request request, CancellationToken cancel, bool faultFree = false) where T : Response
    {
        var transaction = Transactions.Find(Wire.Model.WireTypes.TagOf(request.GetType()))?.Name ?? request.GetType().Name;
        var maybeApplied = false;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var faults = faultFree ? RequestFaults.None : Faults(step.Number, ordinal, attempt, CarriesEnvelope(request));
            device.Link!.Next = faults;
            DropExpiredTicket(device);
            if (Dare && request is PostRequest && device.Client!.Encapsulation!.Ticket is null)
            {
                // Post is authenticated by a ticket (docs/encapsulation.md): a signed Status earns one.
                await SendAsync<StatusResponse>(step, ordinal + 40, device, new StatusRequest { Account = accounts[device.Account].Name }, cancel, faultFree);
            }
            if (Dare) request.ID = null; // every attempt is a new request to the replay check
            var started = Stopwatch.GetTimestamp();
            MeshResult<T> result;
            try { result = await device.Client!.SendAsync<T>(request, cancel); }
            catch (MeshClientException e)
            {
                maybeApplied |= faults.DropResponse || e.InnerException is not LostOnTheWireException;
                stats.Count(transaction, faults.DropRequest ? "request lost, sent again" : (faults.DropResponse ? "answer lost, sent again" : "no answer, sent again"));
                continue;
            }
            stats.Completed(transaction, Stopwatch.GetElapsedTime(started));
            var status = result.Status ?? result.HttpStatus;
            if (device.Link.DuplicateStatus is { } duplicate)
            {
                stats.Count(transaction, $"duplicate answered {duplicate}");
                invariants.Check(Invariants.No5xx, step.Number, duplicate < 500, () => $"the second copy of {device}'s {transaction} was answered HTTP {duplicate}");
            }
            if (device.Link.Corrupted)
            {
                stats.Count(transaction, $"corrupted, answered {status}");
                if (!result.Succeeded) continue; // refused, as it should be: the true bytes go again
            }
            else
            {
                invariants.Check(Invariants.No5xx, step.Number, status < 500, () => $"{device}'s {transaction} was answered {status}: {result.Response?.StatusDescription}");
            }
            if (status == 401 && device.Client.Encapsulation is { Ticket: not null } session && session.UseTickets)
            {
                session.Ticket = null;
                stats.Count(transaction, "ticket refused, signed again");
                continue;
            }
            stats.Count(transaction, Outcome(status));
            return new Sent<T>(result, maybeApplied);
        }
        stats.Count(transaction, "gave up");
        throw new GaveUpException($"{transaction} by {device} failed {MaxAttempts} times");
    }

    static string Outcome(int status) => status switch
    {
        >= 200 and < 300 => "accepted",
        409 => "conflict",
        _ => $"refused {status}",
    };

    bool CarriesEnvelope(Request request) => Dare || request is UploadRequest or PostRequest;

    RequestFaults Faults(int step, int ordinal, int attempt, bool carriesEnvelope)
    {
        var dropRequest = dice.Fires(SimFaults.DropRequest, step, attempt, ordinal);
        return new RequestFaults(
            DropRequest: dropRequest,
            DropResponse: !dropRequest && dice.Fires(SimFaults.DropResponse, step, attempt, ordinal),
            Duplicate: dice.Fires(SimFaults.DuplicateRequest, step, attempt, ordinal),
            DelayMilliseconds: dice.Fires(SimFaults.Delay, step, attempt, ordinal) ? dice.Between("delay-ms", step, attempt * 100 + ordinal, 5, 50) : 0,
            CorruptSalt: carriesEnvelope && dice.Fires(SimFaults.CorruptByte, step, attempt, ordinal) ? dice.Between("corrupt-at", step, attempt * 100 + ordinal, 0, 1 << 20) : null);
    }

    // The device judges a ticket's expiry by its own clock, which may be skewed; the service judges by its own.
    void DropExpiredTicket(SimDevice device)
    {
        if (device.Client?.Encapsulation is { Ticket: { } ticket } session && ticket.Expires <= clock.GetUtcNow() + device.ClockSkew) session.Ticket = null;
    }

    /// <summary>An entry or message: a digest-protected envelope keyed by <paramref name="uniqueId"/>, stamped with the device's own (possibly skewed) clock.</summary>
    DareEnvelope Entry(SimDevice device, string uniqueId, string text, int? index)
    {
        var payload = Encoding.UTF8.GetBytes(text);
        var plain = EnvelopeWriter.Plain(payload, new ContentMeta { UniqueID = uniqueId, Event = "New", Created = (clock.GetUtcNow() + device.ClockSkew).UtcDateTime });
        if (index is { } i) plain.Header.ContainerInfo = new ContainerInfo { Index = i };
        return WithDigest(plain);
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
        if (service is not null) await service.DisposeAsync();
        if (temporaryStore is not null)
        {
            try { Directory.Delete(temporaryStore, recursive: true); }
            catch (IOException) { }
        }
    }
}
