using Mesh.Client;
using Mesh.Client.Accounts;
using Mesh.Hosting;
using Mesh.Service;
using Mesh.Service.Storage;
using Mesh.Wire.Crypto;
using Mesh.Wire.Dare;
using Mesh.Wire.Messages;

namespace Mesh.Conformance.Load;

/// <summary>
/// The per-request cost of one transaction against a service holding <see cref="Size"/> of something (entries in the
/// account asked about, or accounts), in µs, round by round, beside the cost at the smallest size in the same round.
/// </summary>
public sealed record FlatFigure(string Dimension, int Size, string Transaction, IReadOnlyList<double> Costs, IReadOnlyList<double> SmallestCosts)
{
    public IReadOnlyList<double> Ratios => Costs.Zip(SmallestCosts, (cost, smallest) => smallest == 0 ? 0 : cost / smallest).ToList();
    public double Ratio => LoadFigure.Median(Ratios);
    public double RatioMin => Ratios.Min();
    public double RatioMax => Ratios.Max();
    public double Cost => LoadFigure.Median(Costs);
}

/// <summary>What the store holds per entry: managed heap per entry, and the entry's own bytes (payload, digest, signature).</summary>
public sealed record EntryMemory(int Entries, long HeapPerEntry, int OwnBytes)
{
    public long BeyondItsBytes => HeapPerEntry - OwnBytes;
}

/// <summary>
/// Whether a request costs the same however much the service holds. One service per size, its data inserted into
/// the store directly (nothing over the wire to set up), then Status, Download (the last ten entries) and Upload (one
/// entry) over loopback HTTP, one request at a time, the sizes taking turns window by window.
/// </summary>
public static class FlatCostBench
{
    const string Container = "mmm_Device";
    const int PayloadBytes = 256;
    const int AccountEntries = 10;

    /// <summary>Sizes as entries in the one account asked about; <c>fileStore</c>: the durable file store (a temporary folder per size), not the memory store.</summary>
    public static Task<(IReadOnlyList<FlatFigure> Figures, EntryMemory Memory)> EntriesAsync(IReadOnlyList<int> sizes, LoadOptions options, Action<string>? progress = null, bool fileStore = false) =>
        RunAsync("entries in the account", sizes, options, progress, fileStore, (store, template, size) =>
        {
            var before = Heap();
            Fill(store, template.ServiceID, size);
            return Heap() - before;
        });

    /// <summary>Sizes as accounts (of one entry each, the one asked about of ten).</summary>
    public static async Task<IReadOnlyList<FlatFigure>> AccountsAsync(IReadOnlyList<int> sizes, LoadOptions options, Action<string>? progress = null, bool fileStore = false) =>
        (await RunAsync("accounts", sizes, options, progress, fileStore, (store, template, size) =>
        {
            for (var i = 1; i < size; i++)
            {
                var other = template with { ServiceID = $"other{i}@example.com" };
                store.CreateAccount(other, []);
                Fill(store, other.ServiceID, 1);
            }
            Fill(store, template.ServiceID, AccountEntries);
            return 0;
        })).Figures;

    static async Task<(IReadOnlyList<FlatFigure> Figures, EntryMemory Memory)> RunAsync(string dimension, IReadOnlyList<int> sizes, LoadOptions options,
        Action<string>? progress, bool fileStore, Func<ServiceStore, AccountRecord, int, long> fill)
    {
        var targets = new List<Target>();
        EntryMemory memory = new(0, 0, 0);
        try
        {
            foreach (var size in sizes)
            {
                progress?.Invoke($"{size} {dimension}: setting up");
                var target = await Target.StartAsync(fileStore);
                targets.Add(target);
                var heap = fill(target.Store, target.Store.FindAccount(Target.Account)!, size);
                // The largest size is the one reported; a heap reading other work in the process swamped (≤ 0) reads as 0.
                memory = new EntryMemory(size, Math.Max(heap, 0) / size, OwnBytes(Entry(0)));
                target.Next = target.Store.Entries(Target.Account, Container).Count;
            }
            var cases = new (string Name, Func<Target, Request> Make)[]
            {
                ("Status", _ => new StatusRequest { Account = Target.Account }),
                ("Download (last 10)", t => new DownloadRequest { Account = Target.Account, Select = [new() { Container = Container, IndexMin = t.Next - 10 }] }),
                ("Upload (one entry)", t => new UploadRequest { Account = Target.Account, Updates = [new() { Container = Container, Envelopes = [Entry(t.Next++)] }] }),
            };
            var figures = new List<FlatFigure>();
            foreach (var (name, make) in cases)
            {
                progress?.Invoke($"{name} at every size");
                // One request at a time: Uploads to one container must come in order, and a cost is a latency.
                var sequential = options with { Concurrency = 1 };
                var costs = targets.Select(_ => new List<double>()).ToList();
                for (var round = -1; round < options.Rounds; round++) // round -1 warms up
                {
                    for (var i = 0; i < targets.Count; i++)
                    {
                        var target = targets[i];
                        var rate = await LoadBench.Rate(sequential, async _ => (await target.Client.SendAsync<Response>(make(target))).Expect());
                        if (round >= 0) costs[i].Add(1e6 / rate);
                    }
                }
                for (var i = 0; i < targets.Count; i++) figures.Add(new FlatFigure(dimension, sizes[i], name, costs[i], costs[0]));
            }
            return (figures, memory);
        }
        finally
        {
            foreach (var target in targets) await target.DisposeAsync();
        }
    }

    /// <summary>Appends <paramref name="count"/> distinct entries to the container, in batches.</summary>
    static void Fill(ServiceStore store, string account, int count)
    {
        const int Batch = 10_000;
        for (var from = 0; from < count; from += Batch)
            store.Append(account, [new ContainerAppend(Container, Enumerable.Range(from, Math.Min(Batch, count - from)).Select(Entry).ToList())]);
    }

    static readonly DareEnvelope Signed = EnvelopeWriter.Signed(new byte[PayloadBytes], SeededKeys.Derive("flat", "entry", Curve.Ed448));

    // Each entry as read off the wire: decoded from its own bytes, so it shares nothing with the others.
    static DareEnvelope Entry(int index) => DareEnvelope.Decode(LoadBench.EntryAt(Signed, index).EncodeArray());

    static int OwnBytes(DareEnvelope entry) => entry.Payload.Length + (entry.Trailer?.PayloadDigest?.Length ?? 0) +
        (entry.Trailer?.Signatures ?? []).Sum(s => s.SignatureValue?.Length ?? 0);

    static long Heap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    sealed class Target : IAsyncDisposable
    {
        public const string Account = "flat@example.com";

        readonly string? folder;

        Target(MeshHost host, MeshClient client, ServiceStore store, string? folder)
        {
            Host = host;
            Client = client;
            Store = store;
            this.folder = folder;
        }

        MeshHost Host { get; }
        public MeshClient Client { get; }
        public ServiceStore Store { get; }

        /// <summary>The index the next upload takes.</summary>
        public int Next { get; set; }

        public static async Task<Target> StartAsync(bool fileStore)
        {
            var folder = fileStore ? Directory.CreateTempSubdirectory("mesh-flat-").FullName : null;
            ServiceStore store = folder is null ? new MemoryStore() : new FileStore(folder);
            var host = await MeshHost.StartAsync(new MeshService(new ServiceOptions(), store), new MeshHostOptions());
            var client = new MeshClient(host.CreateHandler(), host.ServiceUri!, new MeshClientOptions { CheckResponses = false });
            (await client.CreateAccountAsync(MeshAccountKeys.FromSeed("flat").CreateRequest(Account, client.Options.Layout))).Expect();
            return new Target(host, client, store, folder);
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await Host.DisposeAsync();
            Store.Dispose();
            if (folder is not null) Directory.Delete(folder, recursive: true);
        }
    }
}
