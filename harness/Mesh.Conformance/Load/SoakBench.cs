using System.Diagnostics;
using System.Text;
using Mesh.Client;
using Mesh.Client.Accounts;
using Mesh.Hosting;
using Mesh.Service;
using Mesh.Service.Storage;
using Mesh.Wire.Crypto;
using Mesh.Wire.Dare;
using Mesh.Wire.Messages;

namespace Mesh.Conformance.Load;

/// <summary>The process's memory at the end of one minute of a soak, and what the service answered in it.</summary>
public sealed record SoakMinute(int Minute, long ResidentBytes, long ManagedBytes, long Requests, int RememberedBodies);

/// <summary>
/// A bounded load for as long as asked against the embedded service (seeded, memory store, loopback HTTP): each worker
/// cycles through its own account (create, upload ten entries, Status, Download, delete), so the data held stays the
/// same size while every request body is new (each carries its own ID). Anything that grows per request shows as
/// resident memory growing minute by minute.
/// </summary>
public static class SoakBench
{
    public static async Task<IReadOnlyList<SoakMinute>> RunAsync(TimeSpan duration, int concurrency, Action<SoakMinute>? minute = null, CancellationToken cancel = default)
    {
        var random = new RequestKeyedRandom("soak");
        var store = new MemoryStore();
        await using var host = await MeshHost.StartAsync(new MeshService(new ServiceOptions { Random = random }, store), new MeshHostOptions());
        using var client = new MeshClient(host.CreateHandler(), host.ServiceUri!, new MeshClientOptions { CheckResponses = false });
        var entry = EnvelopeWriter.Signed(new byte[256], SeededKeys.Derive("soak", "entry", Curve.Ed448));
        var workers = Enumerable.Range(0, concurrency).Select(i => (Name: $"soak{i}@example.com", Keys: MeshAccountKeys.FromSeed($"soak-{i}"))).ToList();
        var requests = 0L;
        var clock = Stopwatch.StartNew();
        var minutes = new List<SoakMinute>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var load = Task.WhenAll(workers.Select(async worker =>
        {
            for (var cycle = 0L; !stop.IsCancellationRequested; cycle++)
            {
                var id = Encoding.UTF8.GetBytes($"{worker.Name}/{cycle}");
                async Task Send(Request request)
                {
                    request.ID = id;
                    (await client.SendAsync<Response>(request)).Expect();
                    Interlocked.Increment(ref requests);
                }
                await Send(worker.Keys.CreateRequest(worker.Name, client.Options.Layout));
                await Send(new UploadRequest
                {
                    Account = worker.Name,
                    Updates = [new() { Container = "mmm_Device", Envelopes = Enumerable.Range(0, 10).Select(i => LoadBench.EntryAt(entry, i)).ToList() }],
                });
                await Send(new StatusRequest { Account = worker.Name });
                await Send(new DownloadRequest { Account = worker.Name, Select = [new() { Container = "mmm_Device", IndexMin = 0 }] });
                await Send(new DeleteRequest { Account = worker.Name });
            }
        }));
        for (var at = 1; at <= Math.Ceiling(duration.TotalMinutes); at++)
        {
            var end = TimeSpan.FromMinutes(Math.Min(at, duration.TotalMinutes));
            var wait = end - clock.Elapsed;
            if (wait > TimeSpan.Zero) await Task.WhenAny(load, Task.Delay(wait, cancel));
            if (load.IsCompleted || cancel.IsCancellationRequested) break;
            using var process = Process.GetCurrentProcess();
            // The book is read before the count, so the bodies it holds are at most those answered plus those in flight.
            var remembered = random.Remembered;
            var figure = new SoakMinute(at, process.WorkingSet64, GC.GetTotalMemory(forceFullCollection: false), Interlocked.Read(ref requests), remembered);
            minutes.Add(figure);
            minute?.Invoke(figure);
        }
        await stop.CancelAsync();
        await load;
        return minutes;
    }
}
