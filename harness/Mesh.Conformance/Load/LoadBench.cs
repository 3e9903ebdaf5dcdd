using System.Diagnostics;
using Mesh.Client;
using Mesh.Client.Accounts;
using Mesh.Hosting;
using Mesh.Service;
using Mesh.Service.Storage;
using Mesh.Wire.Crypto;
using Mesh.Wire.Dare;
using Mesh.Wire.Messages;
using Mesh.Wire.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mesh.Conformance.Load;

/// <summary>How long and how hard to drive each measurement.</summary>
public sealed record LoadOptions(TimeSpan Duration, int Concurrency);

/// <summary>
/// One measurement: transactions per second for a transaction over a transport, beside a bare endpoint
/// on the same transport that echoes a body of the same size, measured in the same run.
/// </summary>
public sealed record LoadFigure(string Transaction, string Transport, int RequestBytes, double PerSecond, double BaselinePerSecond)
{
    public double Ratio => BaselinePerSecond == 0 ? 0 : PerSecond / BaselinePerSecond;
}

/// <summary>Ed448 signature verifications per second with this many workers verifying at once.</summary>
public sealed record VerifyFigure(int Workers, double PerSecond);

/// <summary>
/// Round trips per second of Hello, Status and Upload (one signed entry) against the embedded service over
/// loopback HTTP and over the in-process transport, each with its echo baseline. Bounded by time, loopback only.
/// </summary>
public static class LoadBench
{
    const string Account = "load@example.com";

    public static async Task<IReadOnlyList<LoadFigure>> RunAsync(LoadOptions options, Action<string>? progress = null)
    {
        var figures = new List<LoadFigure>();
        foreach (var transport in new[] { "loopback HTTP", "in-process" })
        {
            var sockets = transport == "loopback HTTP";
            var service = new MeshService(new ServiceOptions(), new MemoryStore());
            await using var host = sockets ? await MeshHost.StartAsync(service, new MeshHostOptions()) : await MeshHost.StartInProcessAsync(service);
            await using var echo = await EchoEndpoint.StartAsync(sockets);
            // The figures are the service's: the client skips its own signature checks.
            using var client = new MeshClient(host.CreateHandler(), host.ServiceUri ?? new Uri("http://localhost/.well-known/mmm/"), new MeshClientOptions { CheckResponses = false });
            var keys = MeshAccountKeys.FromSeed("load");
            (await client.CreateAccountAsync(keys.CreateRequest(Account, client.Options.Layout))).Expect();
            var entry = EnvelopeWriter.Signed(new byte[256], SeededKeys.Derive("load", "entry", Curve.Ed448));
            var uploads = new UploadCounter(options.Concurrency);
            var cases = new (string Name, Func<int, Request> Make)[]
            {
                ("Hello", _ => new HelloRequest()),
                ("Status", _ => new StatusRequest { Account = Account }),
                ("Upload (one signed entry)", worker => uploads.Next(worker, entry)),
            };
            foreach (var (name, make) in cases)
            {
                progress?.Invoke($"{name} over {transport}");
                var size = WireSerializer.Encode(make(0)).Length;
                if (name.StartsWith("Upload", StringComparison.Ordinal)) await uploads.CreateAccounts(client, options.Concurrency); // also restarts every worker at index 0
                var rate = await Measure(options, worker => client.SendAsync<Response>(make(worker)).ContinueWith(t => t.Result.Expect()));
                var body = new byte[size];
                using var echoClient = new HttpClient(echo.CreateHandler());
                var baseline = await Measure(options, async _ =>
                {
                    using var response = await echoClient.PostAsync(echo.Uri, new ByteArrayContent(body));
                    await response.Content.ReadAsByteArrayAsync();
                });
                figures.Add(new LoadFigure(name, transport, size, rate, baseline));
            }
        }
        return figures;
    }

    /// <summary>
    /// The cost of DARE encapsulation (issue 6): Status per second over loopback HTTP with bare JSON, with a
    /// signature on every request (profile authentication), and with ticket MACs, each as a ratio to bare JSON.
    /// Requests are encrypted both ways, as plain HTTP requires.
    /// </summary>
    public static async Task<IReadOnlyList<LoadFigure>> EncapsulationAsync(LoadOptions options, Action<string>? progress = null)
    {
        var figures = new List<LoadFigure>();
        var keys = MeshAccountKeys.FromSeed("load");
        double? bare = null;
        foreach (var mode in new[] { "none", "signature", "ticket" })
        {
            progress?.Invoke($"Status with encapsulation {mode}");
            var service = new MeshService(new ServiceOptions { DareEncapsulation = mode != "none" }, new MemoryStore());
            await using var host = await MeshHost.StartAsync(service, new MeshHostOptions());
            var clients = new List<MeshClient>();
            for (var worker = 0; worker < options.Concurrency; worker++)
            {
                var client = new MeshClient(host.CreateHandler(), host.ServiceUri!, new MeshClientOptions { CheckResponses = mode == "none" ? false : true });
                if (mode != "none")
                {
                    client.Encapsulation = new DareSession(SystemRandomSource.Instance) { Signer = keys.MeshOnline, Decryption = keys.MeshEncryption, UseTickets = mode == "ticket" };
                    await client.HelloAsync();
                }
                clients.Add(client);
            }
            (await clients[0].CreateAccountAsync(keys.CreateRequest(Account, clients[0].Options.Layout))).Expect();
            var request = () => new StatusRequest { Account = Account };
            var size = clients[0].Encapsulation?.Wrap(request(), clients[0].Options.Layout).Length ?? WireSerializer.Encode(request()).Length;
            var rate = await Measure(options, worker => clients[worker].StatusAsync(request()).ContinueWith(t => t.Result.Expect()));
            bare ??= rate;
            figures.Add(new LoadFigure($"Status, encapsulation {mode}", "loopback HTTP", size, rate, bare.Value));
            foreach (var client in clients) client.Dispose();
        }
        return figures;
    }

    /// <summary>
    /// What the machine can verify, to scale the Upload figures by: the same Ed448 signature over the same 64-byte
    /// message (an entry's signature covers a 64-byte digest), for the same duration, on one thread and on as many
    /// workers as the bench keeps requests in flight.
    /// </summary>
    public static async Task<IReadOnlyList<VerifyFigure>> Ed448VerifyAsync(LoadOptions options, Action<string>? progress = null)
    {
        var key = SeededKeys.Derive("load", "verify", Curve.Ed448);
        var message = new SeededRandomSource("load/verify-message").GetBytes(64);
        var signature = key.Sign(message);
        void Verify()
        {
            if (!Signatures.TryVerify(Curve.Ed448, key.PublicKey, message, signature, out var reason)) throw new InvalidOperationException(reason);
        }
        var figures = new List<VerifyFigure>();
        foreach (var workers in new[] { 1, options.Concurrency }.Distinct())
        {
            progress?.Invoke($"Ed448 verify on {workers} thread{(workers == 1 ? "" : "s")}");
            for (var i = 0; i < 20; i++) Verify(); // warm up
            var count = 0L;
            var clock = Stopwatch.StartNew();
            // Own threads, not the pool: the loops never yield, and the pool would add threads only slowly.
            await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Factory.StartNew(() =>
            {
                while (clock.Elapsed < options.Duration)
                {
                    Verify();
                    Interlocked.Increment(ref count);
                }
            }, TaskCreationOptions.LongRunning)));
            figures.Add(new VerifyFigure(workers, count / clock.Elapsed.TotalSeconds));
        }
        return figures;
    }

    static async Task<double> Measure(LoadOptions options, Func<int, Task> call)
    {
        for (var worker = 0; worker < options.Concurrency; worker++) await call(worker); // warm up, and earn the tickets
        for (var i = 0; i < 20; i++) await call(0);
        var count = 0L;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(async worker =>
        {
            while (clock.Elapsed < options.Duration)
            {
                await call(worker);
                Interlocked.Increment(ref count);
            }
        }));
        return count / clock.Elapsed.TotalSeconds;
    }

    /// <summary>Each worker uploads to its own account, so every upload is at the next index and none conflicts.</summary>
    sealed class UploadCounter(int workers)
    {
        readonly int[] next = new int[workers];

        public async Task CreateAccounts(MeshClient client, int count)
        {
            for (var i = 0; i < count; i++)
            {
                var keys = MeshAccountKeys.FromSeed($"load-{i}");
                await client.CreateAccountAsync(keys.CreateRequest(Name(i), client.Options.Layout));
                next[i] = 0;
            }
        }

        public UploadRequest Next(int worker, DareEnvelope signed)
        {
            var index = next[worker]++;
            var entry = new DareEnvelope
            {
                Header = new DareHeader { DigestAlgorithm = signed.Header.DigestAlgorithm, ContainerInfo = new ContainerInfo { Index = index } },
                Payload = signed.Payload,
                Trailer = signed.Trailer,
            };
            return new UploadRequest { Account = Name(worker), Updates = [new() { Container = "mmm_Device", Envelopes = [entry] }] };
        }

        static string Name(int worker) => $"load{worker}@example.com";
    }

    /// <summary>The baseline: a bare endpoint that echoes the request body, on the same transport.</summary>
    sealed class EchoEndpoint : IAsyncDisposable
    {
        readonly WebApplication app;
        readonly bool sockets;

        EchoEndpoint(WebApplication app, Uri uri, bool sockets)
        {
            this.app = app;
            this.sockets = sockets;
            Uri = uri;
        }

        public Uri Uri { get; }

        public static async Task<EchoEndpoint> StartAsync(bool sockets)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            if (sockets) builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
            else builder.WebHost.UseTestServer();
            var app = builder.Build();
            app.Run(async context =>
            {
                var buffer = new MemoryStream();
                await context.Request.Body.CopyToAsync(buffer);
                context.Response.ContentType = "application/json";
                await context.Response.Body.WriteAsync(buffer.ToArray());
            });
            await app.StartAsync();
            var uri = sockets
                ? new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First())
                : new Uri("http://localhost/");
            return new EchoEndpoint(app, uri, sockets);
        }

        public HttpMessageHandler CreateHandler() => sockets ? new SocketsHttpHandler() : app.GetTestServer().CreateHandler();

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
