using System.Diagnostics;
using Mesh.Conformance.Simulation;
using Mesh.Service.Storage;
using Mesh.Wire.Dare;

namespace Mesh.Conformance.Load;

/// <summary>
/// One population run for scale: how long the simulator took to create the accounts, connect the devices and
/// upload the entries against the embedded service (memory store, loopback HTTP; bare JSON or DARE
/// encapsulation), and what the service's store holds in memory per account and per entry.
/// </summary>
public sealed record ScaleFigure(int Accounts, int Devices, int Entries, int Transactions, TimeSpan Elapsed, bool Held, long BytesPerAccount, long BytesPerEntry)
{
    public double DevicesPerSecond => Devices / Elapsed.TotalSeconds;
}

/// <summary>
/// Scale figures: a population of <c>devices</c> devices (ten per account) each uploading ten entries, run at two
/// sizes so the time growth between them can be set against linear growth.
/// </summary>
public static class ScaleBench
{
    public const int DevicesPerAccount = 10;
    public const int EntriesPerDevice = 10;

    public static async Task<ScaleFigure> RunAsync(int devices, int concurrency, bool encapsulation, Action<int, int>? progress = null)
    {
        var accounts = Math.Max(1, devices / DevicesPerAccount);
        var schedule = ScheduleGenerator.Population(accounts, DevicesPerAccount, EntriesPerDevice, encapsulation);
        var options = new SimulationOptions { Concurrency = concurrency, KeepOutcomes = false };
        await using var simulator = new Simulator(options, schedule);
        var result = await simulator.RunAsync(progress);
        var (perAccount, perEntry, entries) = StoreMemory(simulator.Store!);
        return new ScaleFigure(accounts, accounts * DevicesPerAccount, entries, result.TransactionCount, result.Elapsed, result.Held, perAccount, perEntry);
    }

    /// <summary>
    /// The managed memory a store needs per account and per entry, apart from everything else in the process: the
    /// store's accounts and entries are copied out as bytes, then read into a fresh memory store in two steps
    /// (accounts, then their entries) with the heap measured after each.
    /// </summary>
    static (long PerAccount, long PerEntry, int Entries) StoreMemory(ServiceStore store)
    {
        var copied = store.AccountIds.Select(id => (
            Account: StoredAccount.Encode(store.FindAccount(id)!),
            Containers: store.Containers(id).Select(c => (Name: c, Entries: store.Entries(id, c).Select(e => e.EncodeArray()).ToList())).ToList())).ToList();
        var entries = copied.Sum(a => a.Containers.Sum(c => c.Entries.Count));
        var before = Heap();
        using var fresh = new MemoryStore();
        foreach (var (account, _) in copied) fresh.CreateAccount(StoredAccount.Decode(account), []);
        var withAccounts = Heap();
        foreach (var (account, containers) in copied)
        {
            var id = StoredAccount.Decode(account).ServiceID;
            fresh.Append(id, containers.Select(c => new ContainerAppend(c.Name, c.Entries.Select(e => DareEnvelope.Decode(e)).ToList())).ToList());
        }
        var withEntries = Heap();
        GC.KeepAlive(fresh);
        return ((withAccounts - before) / Math.Max(1, copied.Count), (withEntries - withAccounts) / Math.Max(1, entries), entries);
    }

    static long Heap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
