using Mesh.Client;
using Mesh.Conformance.Scenarios;
using Mesh.Conformance.Targets;
using Mesh.Dns;
using Mesh.Dns.Discovery;
using Mesh.Service;
using Mesh.Service.Storage;
using Mesh.Wire.Crypto;

namespace Mesh.Conformance.Drivers;

/// <summary>
/// The service under test for one scenario: the embedded reference service with its DNS zone, its random
/// stream seeded by the scenario key so every run puts the same bytes on the wire, and the client that found
/// it through DNS. Every exchange is kept for the scenario's vector.
/// </summary>
public sealed class ServiceTargetDriver : IAsyncDisposable
{
    readonly List<Exchange> exchanges = [];
    readonly Dictionary<string, DiscoveredClient> actors = new(StringComparer.OrdinalIgnoreCase);
    EmbeddedService? service;
    DiscoveredClient? discovered;

    /// <summary>The service's clock: fixed at the start of 2026 so that tickets and dates are the same on every run.</summary>
    public ScenarioClock Clock { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    public ScenarioInfo? Scenario { get; set; }

    /// <summary>The domain the scenario's DNS zone announces the service for; every scenario declares it.</summary>
    public string? AnnouncedDomain { get; set; }
    public IReadOnlyList<Exchange> Exchanges => exchanges;
    public ProtocolProfile Profile { get; private set; }
    public EmbeddedService Service => service ?? throw new InvalidOperationException("no service started: the scenario needs 'Given the reference service in the … profile'");
    public ServiceStore Store => Service.Store;
    public MeshClient Client => discovered?.Client ?? throw new InvalidOperationException("no client connected");
    public DiscoveredClient Discovered => discovered ?? throw new InvalidOperationException("no client connected");

    /// <summary>Starts the service for <paramref name="profile"/>; <paramref name="configure"/> adjusts its options.</summary>
    public async Task StartAsync(ProtocolProfile profile, Func<ServiceOptions, ServiceOptions>? configure = null, bool tls = false)
    {
        Profile = profile;
        var domain = AnnouncedDomain ?? throw new InvalidOperationException(
            "The scenario declares no DNS zone: add 'Given the service is announced in DNS for example.com by SRV, TXT path and A records'");
        var options = new ServiceOptions
        {
            Profile = profile,
            Domains = [domain],
            Random = new SeededRandomSource($"{profile.Name()}/{Scenario?.Key}"),
            Clock = Clock,
            Fault = SuiteSettings.Fault,
        };
        service = await EmbeddedService.StartAsync(new EmbeddedServiceOptions { Service = configure?.Invoke(options) ?? options, Tls = tls });
    }

    /// <summary>Finds the service for <paramref name="serviceId"/> through the DNS server and connects.</summary>
    public async Task ConnectAsync(string? serviceId = null, MeshClientOptions? options = null)
    {
        serviceId ??= AnnouncedDomain ?? "example.com";
        discovered?.Dispose();
        options ??= new MeshClientOptions { Layout = Service.Host.Service.Options.Layout, Dictionary = JsonCDictionary.Words };
        var scheme = Service.Host.Certificate is null ? DiscoveryOptions.Http : DiscoveryOptions.Https;
        discovered = await DiscoveredClient.ConnectAsync(serviceId, Service.Dns.EndPoint, scheme, options, Service.Host.Certificate?.GetCertHashString());
        discovered.Client.Recorder.Recorded += Record;
    }

    /// <summary>
    /// A client of its own for an actor (an administrator, a device) speaking DARE encapsulation with the given keys,
    /// its randomness seeded by scenario and actor; it has said Hello, so it knows the service's keys.
    /// </summary>
    public async Task<MeshClient> DareClientAsync(string actor, KeyPair? signer = null, KeyPair? decryption = null, Mesh.Wire.Dare.DareEnvelope? deviceProfile = null)
    {
        if (actors.TryGetValue(actor, out var known)) return known.Client;
        var scheme = Service.Host.Certificate is null ? DiscoveryOptions.Http : DiscoveryOptions.Https;
        var client = await DiscoveredClient.ConnectAsync(Service.Domain, Service.Dns.EndPoint, scheme,
            new MeshClientOptions { Layout = Service.Host.Service.Options.Layout }, Service.Host.Certificate?.GetCertHashString());
        client.Client.Recorder.Recorded += Record;
        client.Client.Encapsulation = new DareSession(new SeededRandomSource($"{Profile.Name()}/{Scenario?.Key}/{actor}"))
        {
            Signer = signer,
            Decryption = decryption,
            DeviceProfile = deviceProfile,
        };
        actors[actor] = client;
        await client.Client.HelloAsync();
        return client.Client;
    }

    /// <summary>Replaces the DNS zone the service is announced in (for discovery scenarios).</summary>
    public void UseZone(DnsZone zone) => Service.Dns.Zone = zone;

    void Record(Exchange exchange)
    {
        lock (exchanges) exchanges.Add(exchange);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in actors.Values) client.Dispose();
        discovered?.Dispose();
        if (service is not null) await service.DisposeAsync();
    }
}
