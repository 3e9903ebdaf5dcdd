using System.Collections.Concurrent;
using System.Net;
using Mesh.Dns;
using Mesh.Hosting;
using Mesh.Service;
using Mesh.Service.Faults;
using Mesh.Service.Variations;
using Mesh.Service.Storage;

namespace Mesh.Conformance.Targets;

/// <summary>What to start: the service's behaviour, where it keeps its data, and how it is found.</summary>
public sealed record EmbeddedServiceOptions
{
    public ServiceOptions Service { get; init; } = new();
    /// <summary>Null for the memory store, else the folder of a durable file store.</summary>
    public string? StoreFolder { get; init; }
    public int HttpPort { get; init; }
    public int DnsPort { get; init; }
    public bool Tls { get; init; }
    /// <summary>Record every request and DNS query for check-client into this folder, or null.</summary>
    public string? RecordFolder { get; init; }
    /// <summary>
    /// Serve on a Kestrel host kept from an earlier service of the same shape (TLS, host names), and keep it at
    /// dispose for the next: what the suite's scenarios do, each with its own service, store and DNS server. Ignored
    /// with a durable store or a recording, whose hosts are their own.
    /// </summary>
    public bool ReuseHost { get; init; }
    /// <summary>
    /// The service's clock is real time that <see cref="TestClockEndpoint"/> moves on (<c>serve --test-clock</c>): a
    /// run judging it over the wire can let a ticket expire. Its host is its own.
    /// </summary>
    public bool TestClock { get; init; }
}

/// <summary>
/// The reference service on loopback with the mock DNS server announcing it: SRV
/// <c>_mmm._tcp.&lt;domain&gt;</c> → <c>mmm.&lt;domain&gt;</c>:port, TXT <c>path=</c> the well-known path, A 127.0.0.1.
/// What <c>serve</c> runs, and what the suite and tests talk to. With a durable store it can be
/// restarted (<see cref="RestartAsync"/>) on the same folder, port and certificate.
/// </summary>
public sealed class EmbeddedService : IAsyncDisposable
{
    readonly ServiceOptions serviceOptions;
    readonly MeshHostOptions hostOptions;
    readonly string? storeFolder;

    EmbeddedService(MeshHost host, MockDnsServer dns, ServiceStore store, string domain, EmbeddedServiceOptions options, MeshHostOptions hostOptions)
    {
        Host = host;
        Dns = dns;
        Store = store;
        Domain = domain;
        RecordFolder = options.RecordFolder;
        serviceOptions = options.Service;
        storeFolder = options.StoreFolder;
        // A restart listens where clients and the DNS zone already point: the port actually bound.
        this.hostOptions = hostOptions with { Port = host.Port };
    }

    public string? RecordFolder { get; }

    /// <summary>The running host; a new instance after <see cref="RestartAsync"/>.</summary>
    public MeshHost Host { get; private set; }
    public MockDnsServer Dns { get; }
    /// <summary>The open store; a new instance, reopened from the folder, after <see cref="RestartAsync"/>.</summary>
    public ServiceStore Store { get; private set; }
    public string Domain { get; }
    public string HostName => "mmm." + Domain;
    public Uri ServiceUri => new($"{Host.BaseUri!.Scheme}://{HostName}:{Host.Port}{MeshHttpBinding.WellKnownPath}");

    public static async Task<EmbeddedService> StartAsync(EmbeddedServiceOptions options)
    {
        var clock = options.TestClock ? ManualClock.Flowing() : null;
        if (clock is not null) options = options with { Service = options.Service with { Clock = clock } };
        var domain = options.Service.Domains[0];
        ServiceStore store = options.StoreFolder is null ? new MemoryStore() : new FileStore(options.StoreFolder);
        var service = new MeshService(options.Service, store);
        var weighted = options.Service.Takes(ServiceVariations.WeightedSrvHosts);
        var hostNames = options.Service.Domains.SelectMany(d => weighted ? new[] { d, "mmm." + d, "mmm2." + d } : [d, "mmm." + d]).ToList();
        var hostOptions = new MeshHostOptions
        {
            Port = options.HttpPort,
            Tls = options.Tls,
            RecordFolder = options.RecordFolder,
            HostNames = hostNames,
            // Made here and kept, so that a restart serves the thumbprint clients pinned; a kept host has its own.
            Certificate = options.Tls && !options.ReuseHost ? MeshHost.SelfSignedCertificate(hostNames) : null,
            TestClock = clock,
        };
        var reuse = options.ReuseHost && options.StoreFolder is null && options.RecordFolder is null && options.HttpPort == 0 && clock is null;
        var host = reuse ? await KeptHosts.TakeAsync(service, hostOptions) : await MeshHost.StartAsync(service, hostOptions);
        var dns = MockDnsServer.Start(Announcement(options.Service, (ushort)host.Port), options.DnsPort);
        var embedded = new EmbeddedService(host, dns, store, domain, options, hostOptions) { reusesHost = reuse };
        if (options.RecordFolder is not null) ClientRecording.WriteSetting(options.RecordFolder, embedded);
        return embedded;
    }

    /// <summary>
    /// The zone announcing the service for each of its domains: SRV to <c>mmm.&lt;domain&gt;</c> at the port, TXT path, A
    /// loopback, as the variations and the discovery fault make it.
    /// </summary>
    static DnsZone Announcement(ServiceOptions service, ushort port)
    {
        var zone = new DnsZone();
        foreach (var served in service.Domains)
        {
            var path = "path=" + MeshHttpBinding.WellKnownPath;
            zone.AddMeshTxt(served, service.Takes(ServiceVariations.TxtExtraKeys) ? $"version=3.0-3.0 {path} encoding=application/json" : path);
            zone.AddA("mmm." + served, IPAddress.Loopback);
            if (service.Takes(ServiceVariations.WeightedSrvHosts))
            {
                zone.AddMeshSrv(served, 0, 10, port, "mmm." + served);
                zone.AddMeshSrv(served, 0, 40, port, "mmm2." + served);
                zone.AddA("mmm2." + served, IPAddress.Loopback);
            }
            else zone.AddMeshSrv(served, 0, 0, port, "mmm." + served);
            // Port 9 (discard): nothing listens there on loopback.
            if (service.Fault == ServiceFaults.SrvBackupDead)
            {
                zone.AddMeshSrv(served, 10, 0, 9, "backup." + served);
                zone.AddA("backup." + served, IPAddress.Loopback);
            }
        }
        return zone;
    }

    /// <summary>
    /// Stops the service and starts it again on its durable store, as a process restart would: the host
    /// stops (open connections close), the store is disposed and reopened from the same folder (recovering
    /// only what was acknowledged), and a new service with the same options listens on the same port with
    /// the same certificate. The DNS server keeps running unchanged. Clients reconnect on their next request.
    /// </summary>
    /// <exception cref="InvalidOperationException">The service keeps its data in memory: a restart would lose it.</exception>
    public async Task RestartAsync()
    {
        if (storeFolder is null)
            throw new InvalidOperationException("Only a service on a durable store (EmbeddedServiceOptions.StoreFolder) can be restarted: the memory store's data would not survive");
        await Host.DisposeAsync();
        Store.Dispose();
        Store = new FileStore(storeFolder);
        Host = await MeshHost.StartAsync(new MeshService(serviceOptions, Store), hostOptions);
    }

    bool reusesHost;

    public async ValueTask DisposeAsync()
    {
        if (RecordFolder is not null) ClientRecording.WriteDnsQueries(RecordFolder, Dns);
        if (reusesHost) await KeptHosts.GiveBackAsync(Host, hostOptions);
        else await Host.DisposeAsync();
        await Dns.DisposeAsync();
        Store.Dispose();
        hostOptions.Certificate?.Dispose();
    }

    /// <summary>
    /// Hosts between two services, by shape. Starting Kestrel costs more than most scenarios; a kept host serves the
    /// next scenario's own service (<see cref="MeshHost.Serve"/>), and closes the connections of the one before.
    /// </summary>
    static class KeptHosts
    {
        static readonly ConcurrentDictionary<string, ConcurrentBag<MeshHost>> idle = new();
        /// <summary>Enough for the suite's features in flight; a host beyond that is stopped.</summary>
        const int IdlePerShape = 8;

        static string Shape(MeshService service, MeshHostOptions options) =>
            $"{options.Tls} {service.Context.Commits(ServiceFaults.Tls12Only)} {string.Join(",", options.HostNames)}";

        public static async Task<MeshHost> TakeAsync(MeshService service, MeshHostOptions options)
        {
            if (idle.TryGetValue(Shape(service, options), out var hosts) && hosts.TryTake(out var host))
            {
                host.Serve(service);
                return host;
            }
            return await MeshHost.StartAsync(service, options);
        }

        public static async Task GiveBackAsync(MeshHost host, MeshHostOptions options)
        {
            var hosts = idle.GetOrAdd(Shape(host.Service, options), _ => []);
            if (hosts.Count < IdlePerShape) hosts.Add(host);
            else await host.DisposeAsync();
        }
    }
}
