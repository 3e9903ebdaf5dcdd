using System.Net;
using Mesh.Dns;
using Mesh.Hosting;
using Mesh.Service;
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
}

/// <summary>
/// The reference service on loopback with the mock DNS server announcing it: SRV
/// <c>_mmm._tcp.&lt;domain&gt;</c> → <c>mmm.&lt;domain&gt;</c>:port, TXT <c>path=</c> the well-known path, A 127.0.0.1.
/// What <c>serve</c> runs, and what the suite and tests talk to.
/// </summary>
public sealed class EmbeddedService : IAsyncDisposable
{
    EmbeddedService(MeshHost host, MockDnsServer dns, ServiceStore store, string domain, string? recordFolder)
    {
        Host = host;
        Dns = dns;
        Store = store;
        Domain = domain;
        RecordFolder = recordFolder;
    }

    public string? RecordFolder { get; }

    public MeshHost Host { get; }
    public MockDnsServer Dns { get; }
    public ServiceStore Store { get; }
    public string Domain { get; }
    public string HostName => "mmm." + Domain;
    public Uri ServiceUri => new($"{Host.BaseUri!.Scheme}://{HostName}:{Host.Port}{MeshHttpBinding.WellKnownPath}");

    public static async Task<EmbeddedService> StartAsync(EmbeddedServiceOptions options)
    {
        var domain = options.Service.Domains[0];
        ServiceStore store = options.StoreFolder is null ? new MemoryStore() : new FileStore(options.StoreFolder);
        var service = new MeshService(options.Service, store);
        var host = await MeshHost.StartAsync(service, new MeshHostOptions
        {
            Port = options.HttpPort,
            Tls = options.Tls,
            RecordFolder = options.RecordFolder,
            HostNames = options.Service.Domains.SelectMany(d => new[] { d, "mmm." + d }).ToList(),
        });
        var zone = new DnsZone();
        foreach (var served in options.Service.Domains)
        {
            zone.AddMeshSrv(served, 0, 0, (ushort)host.Port, "mmm." + served);
            zone.AddMeshTxt(served, "path=" + MeshHttpBinding.WellKnownPath);
            zone.AddA("mmm." + served, IPAddress.Loopback);
        }
        var dns = MockDnsServer.Start(zone, options.DnsPort);
        var embedded = new EmbeddedService(host, dns, store, domain, options.RecordFolder);
        if (options.RecordFolder is not null) ClientRecording.WriteSetting(options.RecordFolder, embedded);
        return embedded;
    }

    public async ValueTask DisposeAsync()
    {
        if (RecordFolder is not null) ClientRecording.WriteDnsQueries(RecordFolder, Dns);
        await Host.DisposeAsync();
        await Dns.DisposeAsync();
        Store.Dispose();
    }
}
