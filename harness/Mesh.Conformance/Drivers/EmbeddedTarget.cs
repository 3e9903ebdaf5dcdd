using System.Net;
using System.Security.Cryptography;
using Mesh.Client;
using Mesh.Conformance.Simulation;
using Mesh.Conformance.Targets;
using Mesh.Dns.Discovery;
using Mesh.Service;
using Mesh.Wire.Crypto;
using Mesh.Wire.Dare;
using Mesh.Wire.Protocol;

namespace Mesh.Conformance.Drivers;

/// <summary>
/// The reference service started for one scenario with its DNS zone, its random stream seeded by the scenario key and
/// its clock fixed, so that every run puts the same bytes on the wire; its state is read from its store.
/// </summary>
public sealed class EmbeddedTarget(ServiceTargetDriver scenario) : ScenarioTarget(scenario)
{
    EmbeddedService? service;

    /// <summary>The service's clock: fixed at the start of 2026 so that tickets and dates are the same on every run.</summary>
    readonly ManualClock clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public override EmbeddedService Service =>
        service ?? throw new InvalidOperationException("no service started: the scenario needs 'Given the reference service in the … profile'");

    public override ContainerNames Containers => Service.Host.Service.Context.Names;

    public override bool BytesAreSeeded => true;

    public override async Task StartAsync(Func<ServiceOptions, ServiceOptions>? configure, bool tls)
    {
        var domain = Scenario.AnnouncedDomain ?? throw new InvalidOperationException(
            "The scenario declares no DNS zone: add 'Given the service is announced in DNS for example.com by SRV, TXT path and A records'");
        var options = new ServiceOptions
        {
            Profile = Scenario.Profile,
            Domains = [domain],
            Random = new SeededRandomSource(ScenarioName),
            Clock = clock,
            Fault = SuiteSettings.Current.Fault,
        };
        service = await EmbeddedService.StartAsync(new EmbeddedServiceOptions { Service = configure?.Invoke(options) ?? options, Tls = tls, ReuseHost = true });
    }

    public override async Task<(MeshClient Client, DiscoveredClient? Discovered)> ConnectAsync(string? serviceId, MeshClientOptions options)
    {
        var discovered = await DiscoverAsync(serviceId ?? Scenario.AnnouncedDomain ?? "example.com", options);
        return (discovered.Client, discovered);
    }

    public override async Task<MeshClient> NewClientAsync(MeshClientOptions options) => (await DiscoverAsync(Service.Domain, options)).Client;

    Task<DiscoveredClient> DiscoverAsync(string serviceId, MeshClientOptions options)
    {
        var scheme = Service.Host.Certificate is null ? DiscoveryOptions.Http : DiscoveryOptions.Https;
        return DiscoveredClient.ConnectAsync(serviceId, Service.Dns.EndPoint, scheme, options, Service.Host.Certificate?.GetCertHashString());
    }

    /// <summary>The address as written: the service is the scenario's alone.</summary>
    public override string Account(string address) => address;

    public override Task<IReadOnlyList<DareEnvelope>> EntriesAsync(string account, string container, Func<Task<MeshClient>> reader) =>
        Task.FromResult(Service.Store.Entries(account, container));

    public override Task<int> EntryCountAsync(string account, string container, Func<Task<MeshClient>> reader) =>
        Task.FromResult(Service.Store.Entries(account, container).Count);

    /// <summary>The store's fingerprint (every account, container and entry), each account's stored Mesh profile and assertion, and the tickets held.</summary>
    public override Task<string> StateAsync(IReadOnlyCollection<string> accounts, Func<string, Task<MeshClient>> readerOf)
    {
        var store = Service.Store;
        var lines = store.AccountIds.Order(StringComparer.Ordinal).Select(id => store.FindAccount(id) is { } record
            ? $"{id}: profile {Digest(record.SignedProfileMesh)}, assertion {Digest(record.SignedAssertionAccount)}" : id);
        return Task.FromResult(string.Join("\n", lines.Prepend($"tickets held: {Service.Host.Service.TicketsHeld}").Prepend(store.Fingerprint())));
    }

    static string Digest(DareEnvelope envelope) => Convert.ToHexString(SHA256.HashData(envelope.EncodeArray()))[..16];

    /// <summary>The service listens on loopback whatever name it is reached by.</summary>
    public override Task<IPAddress[]> ResolveAsync(string host) => Task.FromResult(new[] { IPAddress.Loopback });

    public override PublishedDomain Published =>
        new(Service.Domain, Service.Dns.EndPoint, Service.Host.Certificate is null, Service.Host.Certificate?.GetCertHashString());

    public override Task<IReadOnlySet<string>> OfferedEncodingsAsync() => Task.FromResult<IReadOnlySet<string>>(new HashSet<string>(
        Service.Host.Service.Options.BinaryEncodings ? ["application/json", "application/json-b", "application/json-c"] : ["application/json"]));

    public override Task PassTimeAsync(TimeSpan span)
    {
        clock.Advance(span);
        return Task.CompletedTask;
    }

    public override Exception PreconditionFails(string reason) => new InvalidOperationException($"{reason}: the scenario is written wrong");

    public override Task<SimulationOptions> AimAsync(SimulationOptions options) => Task.FromResult(options);

    public override SimulationOptions WithEncapsulation(SimulationOptions options) => options with { Encapsulation = true };

    public override async ValueTask DisposeAsync()
    {
        if (service is not null) await service.DisposeAsync();
    }
}
