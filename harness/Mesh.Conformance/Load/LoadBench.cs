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

namespace Mesh.Conformance.Load;

/// <summary>How long each measurement window lasts, how many requests are in flight, and how many rounds are kept.</summary>
public sealed record LoadOptions(TimeSpan Window, int Concurrency, int Rounds = 5);

/// <summary>
/// One measured case beside its own baseline: the rates of each kept round (a window of the case and a window of the
/// baseline, next to each other in time), and their ratios. The median ratio is the figure; the lowest and highest
/// show the spread.
/// </summary>
public sealed record LoadFigure(string Transaction, string Transport, int RequestBytes, IReadOnlyList<double> Rates, IReadOnlyList<double> BaselineRates)
{
    public IReadOnlyList<double> Ratios => Rates.Zip(BaselineRates, (rate, baseline) => baseline == 0 ? 0 : rate / baseline).ToList();
    public double Ratio => Median(Ratios);
    public double RatioMin => Ratios.Min();
    public double RatioMax => Ratios.Max();
    public double PerSecond => Median(Rates);
    public double BaselinePerSecond => Median(BaselineRates);

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

/// <summary>A rate measured in the same run, shown for reference beside the ratios (the crypto primitives).</summary>
public sealed record RateFigure(string What, double PerSecond);

/// <summary>
/// The service's transactions per second as ratios to what they cannot avoid, measured in one run with the windows
/// interleaved (baseline, case, case, baseline, …) so that a machine shared with other work slows both sides alike.
/// The baseline of a transaction is a bare endpoint on the same transport answering the bytes the service answered,
/// called by the same client sending the same request and decoding the same answer: the ratio is the service's own
/// share. The baseline of a DARE form is the crypto one exchange needs (Ed448 sign + verify, X448 agreements).
/// </summary>
public static class LoadBench
{
    const string Account = "load@example.com";
    const int DownloadEntries = 10;

    public static async Task<IReadOnlyList<LoadFigure>> RunAsync(LoadOptions options, Action<string>? progress = null)
    {
        var figures = new List<LoadFigure>();
        foreach (var sockets in new[] { true, false })
        {
            var transport = sockets ? "loopback HTTP" : "in-process";
            var service = new MeshService(new ServiceOptions(), new MemoryStore());
            await using var host = sockets ? await MeshHost.StartAsync(service, new MeshHostOptions()) : await MeshHost.StartInProcessAsync(service);
            await using var bare = await FixedAnswerEndpoint.StartAsync(sockets);
            // The figures are the service's: neither client checks signatures; both decode every answer.
            using var client = new MeshClient(host.CreateHandler(), host.ServiceUri ?? new Uri("http://localhost" + MeshHttpBinding.WellKnownPath), new MeshClientOptions { CheckResponses = false });
            using var baseline = new MeshClient(bare.CreateHandler(), bare.Uri, new MeshClientOptions { CheckResponses = false });
            var keys = MeshAccountKeys.FromSeed("load");
            (await client.CreateAccountAsync(keys.CreateRequest(Account, client.Options.Layout))).Expect();
            var entry = EnvelopeWriter.Signed(new byte[256], SeededKeys.Derive("load", "entry", Curve.Ed448));
            var uploads = new UploadCounter(options.Concurrency, entry);
            await uploads.CreateAccounts(client);
            (await client.UploadAsync(uploads.Batch(Account, 0, DownloadEntries))).Expect();
            // The baseline's uploads count on their own, so that the service's stay consecutive.
            var baselineUploads = new UploadCounter(options.Concurrency, entry);
            var cases = new (string Name, Func<UploadCounter, int, Request> Make)[]
            {
                ("Hello", (_, _) => new HelloRequest()),
                ("Status", (_, _) => new StatusRequest { Account = Account }),
                ($"Download ({DownloadEntries} entries)", (_, _) => new DownloadRequest { Account = Account, Select = [new() { Container = "mmm_Device", IndexMin = 0 }] }),
                ("Upload (one signed entry)", (counter, worker) => counter.Next(worker)),
            };
            foreach (var (name, make) in cases)
            {
                progress?.Invoke($"{name} over {transport}");
                var first = await client.SendAsync<Response>(make(uploads, 0));
                first.Expect();
                bare.Answer = first.Exchange.ResponseBody;
                Func<int, Task> Through(MeshClient c, UploadCounter counter) => async worker => (await c.SendAsync<Response>(make(counter, worker))).Expect();
                var (rates, baselines) = await Interleaved(options, Through(client, uploads), Through(baseline, baselineUploads));
                figures.Add(new LoadFigure(name, transport, first.Exchange.RequestBody.Length, rates, baselines));
            }
        }
        return figures;
    }

    /// <summary>
    /// Status under DARE encapsulation over loopback HTTP (requests encrypted both ways, as plain HTTP requires), with a
    /// signature on every request and with ticket MACs. Each is set against the crypto its exchange cannot avoid,
    /// done on the same workers in windows interleaved with it, and against bare JSON.
    /// </summary>
    public static async Task<(IReadOnlyList<LoadFigure> Figures, IReadOnlyList<RateFigure> Primitives)> EncapsulationAsync(LoadOptions options, Action<string>? progress = null)
    {
        var keys = MeshAccountKeys.FromSeed("load");
        var services = new Dictionary<string, (MeshHost Host, List<MeshClient> Clients)>();
        try
        {
            foreach (var mode in new[] { "none", "signature", "ticket" })
            {
                var service = new MeshService(new ServiceOptions { DareEncapsulation = mode != "none" }, new MemoryStore());
                var host = await MeshHost.StartAsync(service, new MeshHostOptions());
                var clients = new List<MeshClient>();
                services[mode] = (host, clients);
                for (var worker = 0; worker < options.Concurrency; worker++)
                {
                    var client = new MeshClient(host.CreateHandler(), host.ServiceUri!, new MeshClientOptions { CheckResponses = mode != "none" });
                    if (mode != "none")
                    {
                        client.Encapsulation = new DareSession(SystemRandomSource.Instance) { Signer = keys.MeshOnline, Decryption = keys.MeshEncryption, UseTickets = mode == "ticket" };
                        await client.HelloAsync();
                    }
                    clients.Add(client);
                }
                (await clients[0].CreateAccountAsync(keys.CreateRequest(Account, clients[0].Options.Layout))).Expect();
            }
            Func<int, Task> Status(string mode) => async worker => (await services[mode].Clients[worker].StatusAsync(new StatusRequest { Account = Account })).Expect();
            int Size(string mode) => services[mode].Clients[0].Encapsulation?.Wrap(new StatusRequest { Account = Account }, services[mode].Clients[0].Options.Layout).Length
                ?? WireSerializer.Encode(new StatusRequest { Account = Account }).Length;
            var crypto = new ExchangeCrypto(keys);
            var figures = new List<LoadFigure>();
            progress?.Invoke("Status with a signature on every request, beside its crypto");
            var (signed, signedBound) = await Interleaved(options, Status("signature"), CpuBound(crypto.SignedExchange));
            figures.Add(new LoadFigure("Status, signature on every request ÷ its crypto (2 Ed448 sign + 2 verify, 9 X448)", "loopback HTTP", Size("signature"), signed, signedBound));
            progress?.Invoke("Status with tickets, beside its crypto");
            var (ticket, ticketBound) = await Interleaved(options, Status("ticket"), CpuBound(crypto.TicketExchange));
            figures.Add(new LoadFigure("Status, tickets ÷ its crypto (1 Ed448 sign + 1 verify, 6 X448)", "loopback HTTP", Size("ticket"), ticket, ticketBound));
            progress?.Invoke("Status with tickets, beside bare JSON");
            var (ticketAgain, bareJson) = await Interleaved(options, Status("ticket"), Status("none"));
            figures.Add(new LoadFigure("Status, tickets ÷ bare JSON", "loopback HTTP", Size("ticket"), ticketAgain, bareJson));
            progress?.Invoke("Ed448 and X448 alone");
            var primitives = new List<RateFigure>
            {
                new("Ed448 sign", await Rate(options, CpuBound(crypto.Sign))),
                new("Ed448 verify", await Rate(options, CpuBound(crypto.Verify))),
                new("X448 agreement", await Rate(options, CpuBound(crypto.Agree))),
            };
            return (figures, primitives);
        }
        finally
        {
            foreach (var (host, clients) in services.Values)
            {
                foreach (var client in clients) client.Dispose();
                await host.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// The crypto of one encapsulated exchange, done with the project's own primitives. With a signature on every
    /// request: the client signs and encrypts (an ephemeral X448 key and an agreement), the service verifies and
    /// decrypts (an agreement); the answer the same the other way (the service signs it with its host key), and the
    /// new ticket the answer carries is encrypted to the client on its own (an ephemeral key and two agreements).
    /// With a ticket the request's signature and its check are a MAC instead, and no new ticket is issued.
    /// </summary>
    sealed class ExchangeCrypto(MeshAccountKeys keys)
    {
        readonly byte[] digest = new SeededRandomSource("load/digest").GetBytes(64);
        readonly KeyPair signer = keys.MeshOnline;
        readonly KeyPair recipient = keys.MeshEncryption;

        public void Sign() => signer.Sign(digest);

        public void Verify()
        {
            if (!Signatures.TryVerify(signer.Curve, signer.PublicKey, digest, Precomputed, out var reason)) throw new InvalidOperationException(reason);
        }

        public void Agree() => recipient.Agree(recipient.PublicKey);

        byte[] Precomputed => precomputed ??= signer.Sign(digest);
        byte[]? precomputed;

        void Encrypt() => KeyPair.Generate(Curve.X448, SystemRandomSource.Instance).Agree(recipient.PublicKey);

        void OneWay(bool signed)
        {
            if (signed)
            {
                Sign();
                Verify();
            }
            Encrypt();
            Agree();
        }

        /// <summary>A signature-authenticated User request earns a ticket, whose key goes to the requester encrypted on its own (docs/encapsulation.md).</summary>
        public void SignedExchange()
        {
            OneWay(signed: true);
            OneWay(signed: true);
            Encrypt();
            Agree();
        }

        public void TicketExchange()
        {
            OneWay(signed: false);
            OneWay(signed: true);
        }
    }

    // Crypto runs on pool threads, as request handlers do, so the workers share the cores the same way.
    static Func<int, Task> CpuBound(Action work) => _ => Task.Run(work);

    /// <summary>
    /// One window of each side to warm up (not kept), then rounds of a window of each, the order alternating round by
    /// round so that a trend in the machine's load weighs on both sides alike.
    /// </summary>
    public static async Task<(List<double> Rates, List<double> Baselines)> Interleaved(LoadOptions options, Func<int, Task> subject, Func<int, Task> baseline)
    {
        await Rate(options, baseline);
        await Rate(options, subject);
        var (rates, baselines) = (new List<double>(), new List<double>());
        for (var round = 0; round < options.Rounds; round++)
        {
            if (round % 2 == 0) baselines.Add(await Rate(options, baseline));
            rates.Add(await Rate(options, subject));
            if (round % 2 == 1) baselines.Add(await Rate(options, baseline));
        }
        return (rates, baselines);
    }

    /// <summary>Calls per second over one window, <see cref="LoadOptions.Concurrency"/> workers calling back to back.</summary>
    public static async Task<double> Rate(LoadOptions options, Func<int, Task> call)
    {
        var count = 0L;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(async worker =>
        {
            while (clock.Elapsed < options.Window)
            {
                await call(worker);
                Interlocked.Increment(ref count);
            }
        }));
        return count / clock.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// The signed entry again at another container index: its own header, the payload (or <paramref name="payload"/>)
    /// and trailer shared. The service does not check entry signatures, so the copies upload as well as the original.
    /// </summary>
    internal static DareEnvelope EntryAt(DareEnvelope signed, int index, byte[]? payload = null) => new()
    {
        Header = new DareHeader { DigestAlgorithm = signed.Header.DigestAlgorithm, ContainerInfo = new ContainerInfo { Index = index } },
        Payload = payload ?? signed.Payload,
        Trailer = signed.Trailer,
    };

    /// <summary>Each worker uploads to its own account, so every upload is at the next index and none conflicts.</summary>
    sealed class UploadCounter(int workers, DareEnvelope signed)
    {
        readonly int[] next = new int[workers];

        public async Task CreateAccounts(MeshClient client)
        {
            for (var i = 0; i < next.Length; i++)
            {
                var keys = MeshAccountKeys.FromSeed($"load-{i}");
                (await client.CreateAccountAsync(keys.CreateRequest(Name(i), client.Options.Layout))).Expect();
            }
        }

        public UploadRequest Next(int worker) => Batch(Name(worker), next[worker]++, 1);

        /// <summary>An upload of <paramref name="count"/> copies of the signed entry to mmm_Device from <paramref name="index"/> on.</summary>
        public UploadRequest Batch(string account, int index, int count) => new()
        {
            Account = account,
            Updates = [new() { Container = "mmm_Device", Envelopes = Enumerable.Range(index, count).Select(Entry).ToList() }],
        };

        DareEnvelope Entry(int index) => EntryAt(signed, index);

        static string Name(int worker) => $"load{worker}@example.com";
    }
}
