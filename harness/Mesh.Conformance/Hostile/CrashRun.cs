using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Mesh.Client;
using Mesh.Client.Accounts;
using Mesh.Hosting;
using Mesh.Wire.Json;
using Mesh.Wire.Messages;

namespace Mesh.Conformance.Hostile;

/// <summary>How to start <c>serve</c> and how hard to push it.</summary>
/// <param name="Serve">The program and arguments that run <c>serve</c> (the store, port and domain options are added).</param>
/// <param name="StoreFolder">The durable store, kept across the kills.</param>
/// <param name="Cycles">Kills: each cycle starts the service, writes under load, kills it with SIGKILL, and checks after the restart.</param>
/// <param name="Seed">Seeds the writers' choices and the moments of the kills.</param>
/// <param name="Writers">Concurrent writers, each with its own accounts.</param>
/// <param name="SoakRequests">After the cycles, a soak of this many Status requests and as many one-entry Uploads, with the RSS around each; 0 for none.</param>
public sealed record CrashOptions(IReadOnlyList<string> Serve, string StoreFolder, int Cycles, int Seed, int Writers = 3, int SoakRequests = 0);

/// <summary>One kill (<paramref name="UptimeMs"/> after the cycle's first acknowledgement): entries acknowledged so far, requests in doubt (sent, unanswered), and what the restart showed.</summary>
public sealed record CrashCycle(int Cycle, int UptimeMs, int AcknowledgedTotal, int InDoubt, int Lost, int HalfApplied, int Refused);

/// <summary>The memory of the serve process under the soak: RSS in KiB at its start, after the Status requests, after the Uploads.</summary>
public sealed record SoakFigures(int Requests, long StartKiB, long AfterStatusKiB, long AfterUploadKiB)
{
    public double BytesPerEntry => (AfterUploadKiB - AfterStatusKiB) * 1024.0 / Requests;
}

public sealed record CrashReport(IReadOnlyList<CrashCycle> Cycles, SoakFigures? Soak)
{
    public int Lost => Cycles.Sum(c => c.Lost);
    public int HalfApplied => Cycles.Sum(c => c.HalfApplied);
    public int Refused => Cycles.Sum(c => c.Refused);
    public bool Held => Lost == 0 && HalfApplied == 0 && Refused == 0;
}

/// <summary>
/// Crash-safety as a test (issue 12): <c>serve</c> on a durable store, concurrent writers sending two-container and
/// eight-entry Uploads and CreateAccounts, a SIGKILL at a seeded random moment, a restart on the same store, and then:
/// every acknowledged entry is there byte for byte at its index; every acknowledged account exists; every request
/// that was in flight is there whole or not at all (an account with all its first containers, an upload in every
/// container it names or in none).
/// </summary>
public static class CrashRun
{
    static readonly string[] Containers = ["mmm_Device", "mmm_Contact"];
    const string Domain = "example.com";

    public static async Task<CrashReport> RunAsync(CrashOptions options, Action<string>? log = null, CancellationToken cancel = default)
    {
        var random = new Random(options.Seed);
        var port = FreePort();
        var writers = Enumerable.Range(0, options.Writers).Select(i => new Writer($"crash{options.Seed}w{i}@{Domain}", new Random(random.Next()))).ToList();
        var cycles = new List<CrashCycle>();
        for (var cycle = 1; cycle <= options.Cycles; cycle++)
        {
            var uptime = random.Next(300, 1500);
            await using (var serve = await ServeProcess.StartAsync(options, port, cancel))
            {
                using var client = serve.Client();
                foreach (var writer in writers) await writer.Resume(client, cancel);
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
                var load = writers.Select(w => Task.Run(() => w.WriteAsync(serve.Client(), cycle, stop.Token), CancellationToken.None)).ToList();
                // The moment of the kill counts from the first acknowledgement of the cycle, so that a slow start
                // (JIT, a loaded machine) still leaves writes under way when the process dies.
                var before = writers.Sum(w => w.Acknowledged);
                for (var waited = 0; writers.Sum(w => w.Acknowledged) == before && waited < 30000 && !load.All(t => t.IsCompleted); waited += 20)
                    await Task.Delay(20, cancel);
                await Task.Delay(uptime, cancel);
                serve.Kill();
                await stop.CancelAsync();
                await Task.WhenAll(load);
            }
            await using var restarted = await ServeProcess.StartAsync(options, port, cancel);
            using var checker = restarted.Client();
            var (lost, half) = (0, 0);
            foreach (var writer in writers)
            {
                var (l, h) = await writer.Check(checker, cancel);
                (lost, half) = (lost + l, half + h);
            }
            var result = new CrashCycle(cycle, uptime, writers.Sum(w => w.Acknowledged), writers.Sum(w => w.TakeInDoubtCount()), lost, half, writers.Sum(w => w.TakeRefused()));
            cycles.Add(result);
            log?.Invoke($"cycle {cycle}: killed after {uptime} ms; {result.AcknowledgedTotal} entries acknowledged so far, {result.InDoubt} requests in doubt, {lost} lost, {half} half-applied, {result.Refused} refused");
        }
        SoakFigures? soak = null;
        if (options.SoakRequests > 0)
        {
            await using var serve = await ServeProcess.StartAsync(options, port, cancel);
            soak = await Soak(serve, options.SoakRequests, cancel);
        }
        return new CrashReport(cycles, soak);
    }

    // Status requests store nothing: the RSS after them is the baseline the stored entries add to.
    static async Task<SoakFigures> Soak(ServeProcess serve, int requests, CancellationToken cancel)
    {
        using var client = serve.Client();
        var account = $"soak{Environment.ProcessId}x{DateTime.UtcNow.Ticks}@{Domain}";
        (await client.CreateAccountAsync(MeshAccountKeys.FromSeed(account).CreateRequest(account, BinaryLayout.Unwrapped), cancel)).Expect();
        for (var i = 0; i < 200; i++) (await client.StatusAsync(new StatusRequest { Account = account }, cancel)).Expect(); // warm up
        var start = serve.RssKiB();
        for (var i = 0; i < requests; i++) (await client.StatusAsync(new StatusRequest { Account = account }, cancel)).Expect();
        var afterStatus = serve.RssKiB();
        for (var i = 0; i < requests; i++)
            (await client.UploadAsync(new UploadRequest { Account = account, Updates = [new() { Container = Containers[0], Envelopes = [ContainerEntries.Entry(Encoding.UTF8.GetBytes($"soak entry {i}"), $"soak-{i}", i)] }] }, cancel)).Expect();
        return new SoakFigures(requests, start, afterStatus, serve.RssKiB());
    }

    static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>One writer: its accounts, the entries the service acknowledged, and the request in flight when the service died.</summary>
    sealed class Writer(string account, Random random)
    {
        readonly Dictionary<string, Dictionary<string, List<byte[]>>> acknowledged = new(StringComparer.Ordinal);
        readonly List<string> createdAccounts = [];
        (string Account, Dictionary<string, List<byte[]>>? Entries)? inDoubt;
        int inDoubtCount, refused, requests;

        public int Acknowledged => acknowledged.Values.Sum(a => a.Values.Sum(c => c.Count));
        public int TakeInDoubtCount() => Interlocked.Exchange(ref inDoubtCount, 0);
        public int TakeRefused() => Interlocked.Exchange(ref refused, 0);

        public async Task Resume(MeshClient client, CancellationToken cancel)
        {
            if (acknowledged.ContainsKey(account)) return;
            var created = await client.CreateAccountAsync(MeshAccountKeys.FromSeed(account).CreateRequest(account, BinaryLayout.Unwrapped), cancel);
            if (!created.Succeeded) throw new MeshClientException($"crash: the writer's account {account} was refused: {created.Status}");
            acknowledged[account] = Containers.ToDictionary(c => c, _ => new List<byte[]>());
            createdAccounts.Add(account);
        }

        public async Task WriteAsync(MeshClient client, int cycle, CancellationToken stop)
        {
            using (client)
                while (!stop.IsCancellationRequested)
                {
                    var n = requests++;
                    if (random.Next(10) == 0) await Create(client, $"{account[..account.IndexOf('@')]}n{n}@{Domain}");
                    else await Upload(client, cycle, n);
                    if (inDoubt is not null) return;
                }
        }

        async Task Create(MeshClient client, string name)
        {
            inDoubt = (name, null);
            try
            {
                var created = await client.CreateAccountAsync(MeshAccountKeys.FromSeed(name).CreateRequest(name, BinaryLayout.Unwrapped));
                inDoubt = null;
                if (!created.Succeeded) { Interlocked.Increment(ref refused); return; }
                createdAccounts.Add(name);
            }
            catch (MeshClientException) { Interlocked.Increment(ref inDoubtCount); }
        }

        async Task Upload(MeshClient client, int cycle, int n)
        {
            var mine = acknowledged[account];
            // Two containers a few entries each, or eight entries in one: both must be all or nothing.
            var shape = random.Next(2) == 0 ? Containers.Select(c => (c, 1 + random.Next(3))).ToList() : [(Containers[random.Next(2)], 8)];
            var entries = shape.ToDictionary(s => s.Item1, s => Enumerable.Range(mine[s.Item1].Count, s.Item2)
                .Select(i => ContainerEntries.Entry(Encoding.UTF8.GetBytes($"{account} cycle {cycle} request {n} entry {i}"), $"k{n}-{i}", i)).ToList());
            inDoubt = (account, entries.ToDictionary(e => e.Key, e => e.Value.Select(v => v.EncodeArray()).ToList()));
            try
            {
                var result = await client.UploadAsync(new UploadRequest { Account = account, Updates = [.. entries.Select(e => new ContainerUpdate { Container = e.Key, Envelopes = e.Value })] });
                var sent = inDoubt.Value.Entries!;
                inDoubt = null;
                if (!result.Succeeded) { Interlocked.Increment(ref refused); return; }
                foreach (var (container, bytes) in sent) mine[container].AddRange(bytes);
            }
            catch (MeshClientException) { Interlocked.Increment(ref inDoubtCount); }
        }

        /// <summary>After the restart: (acknowledged entries lost or changed, requests half applied); the books then follow what the service holds.</summary>
        public async Task<(int Lost, int HalfApplied)> Check(MeshClient client, CancellationToken cancel)
        {
            var (lost, half) = (0, 0);
            foreach (var name in createdAccounts)
                if ((await client.StatusAsync(new StatusRequest { Account = name }, cancel)).Status != 201) lost++;
            var mine = acknowledged[account];
            var beyond = new Dictionary<string, List<byte[]>>(StringComparer.Ordinal);
            foreach (var container in Containers)
            {
                var held = await Held(client, account, container, cancel);
                var expected = mine[container];
                for (var i = 0; i < expected.Count; i++)
                    if (i >= held.Count || !held[i].AsSpan().SequenceEqual(expected[i])) lost++;
                beyond[container] = held.Skip(expected.Count).ToList();
            }
            if (inDoubt is { Entries: { } sent })
            {
                var whole = sent.All(s => beyond[s.Key].Count == s.Value.Count && beyond[s.Key].Zip(s.Value).All(p => p.First.AsSpan().SequenceEqual(p.Second)));
                var none = beyond.Values.All(b => b.Count == 0);
                if (!whole && !none) half++;
            }
            else if (inDoubt is { Account: var created })
            {
                var status = await client.StatusAsync(new StatusRequest { Account = created }, cancel);
                if (status.Status == 201)
                {
                    var containers = status.Typed?.ContainerStatus?.Select(c => c.Container).ToHashSet() ?? [];
                    if (!containers.Contains("mmm_Inbound") || !containers.Contains("mmm_Local")) half++;
                    createdAccounts.Add(created);
                }
            }
            else if (beyond.Values.Any(b => b.Count > 0)) half++; // entries nobody sent
            foreach (var (container, extra) in beyond) mine[container].AddRange(extra);
            inDoubt = null;
            return (lost, half);
        }

        static async Task<List<byte[]>> Held(MeshClient client, string account, string container, CancellationToken cancel)
        {
            var download = await client.DownloadAsync(new DownloadRequest { Account = account, Select = [new() { Container = container, IndexMin = 0 }] }, cancel);
            return download.Status == 404 ? [] : [.. download.Expect().Updates![0].Envelopes!.Select(e => e.EncodeArray())];
        }
    }

    /// <summary>A <c>serve</c> child process on the durable store; ended by SIGKILL or when disposed.</summary>
    sealed class ServeProcess : IAsyncDisposable
    {
        readonly Process process;
        readonly Uri service;

        ServeProcess(Process process, Uri service)
        {
            this.process = process;
            this.service = service;
        }

        public static async Task<ServeProcess> StartAsync(CrashOptions options, int port, CancellationToken cancel)
        {
            var start = new ProcessStartInfo(options.Serve[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in options.Serve.Skip(1).Concat(["--store", options.StoreFolder, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--domain", Domain]))
                start.ArgumentList.Add(argument);
            var process = Process.Start(start) ?? throw new InvalidOperationException("serve did not start");
            var ready = new TaskCompletionSource();
            process.OutputDataReceived += (_, line) => { if (line.Data?.Contains("listening", StringComparison.Ordinal) == true) ready.TrySetResult(); };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var started = await Task.WhenAny(ready.Task, process.WaitForExitAsync(cancel), Task.Delay(TimeSpan.FromSeconds(60), cancel));
            if (started != ready.Task)
            {
                if (!process.HasExited) process.Kill();
                throw new InvalidOperationException($"serve did not come up on port {port} (exit {(process.HasExited ? process.ExitCode : -1)})");
            }
            return new ServeProcess(process, new Uri($"http://127.0.0.1:{port}{MeshHttpBinding.WellKnownPath}"));
        }

        public MeshClient Client() => new(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5), PooledConnectionLifetime = TimeSpan.FromSeconds(30) }, service);

        /// <summary>The resident set of the process in KiB (Linux /proc), or -1 where it cannot be read.</summary>
        public long RssKiB()
        {
            try
            {
                var line = File.ReadLines($"/proc/{process.Id}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
                return line is null ? -1 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (IOException) { return -1; }
        }

        /// <summary>SIGKILL: no shutdown, no flush; what is on disk is what a crash leaves.</summary>
        public void Kill()
        {
            if (!process.HasExited) process.Kill();
            process.WaitForExit();
        }

        public ValueTask DisposeAsync()
        {
            Kill();
            process.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
