using Mesh.Client;
using Mesh.Conformance.Scenarios;
using Mesh.Conformance.Targets;
using Mesh.Dns;
using Mesh.Dns.Discovery;
using Mesh.Service;
using Mesh.Service.Storage;
using Mesh.Wire.Crypto;
using Mesh.Wire.Dare;
using Mesh.Wire.Json;
using Mesh.Wire.Messages;
using Mesh.Wire.Objects;
using Mesh.Wire.Protocol;

namespace Mesh.Conformance.Drivers;

/// <summary>
/// The service under test for one scenario (<see cref="ScenarioTarget"/>: the embedded reference service, or a
/// foreign target judged by the wire alone), the clients the scenario's actors use to reach it, and every exchange,
/// kept for the scenario's vector. What the target cannot show makes the step not applicable, saying what it needed.
/// </summary>
public sealed class ServiceTargetDriver : IAsyncDisposable
{
    readonly List<Exchange> exchanges = [];
    readonly Dictionary<string, MeshClient> actors = new(StringComparer.OrdinalIgnoreCase);
    readonly List<MeshClient> clients = [];
    /// <summary>Connections a step holds open for the rest of the scenario (<see cref="HoldUntilEnd"/>).</summary>
    readonly List<IDisposable> held = [];
    readonly Dictionary<string, Func<Task<MeshClient>>> readers = new(StringComparer.OrdinalIgnoreCase);
    readonly SortedSet<string> accountsNamed = new(StringComparer.Ordinal);
    DiscoveredClient? discovered;
    MeshClient? client;

    public ServiceTargetDriver() =>
        Target = SuiteSettings.Current.Target is { } foreign ? new WireTarget(this, foreign) : new EmbeddedTarget(this);

    /// <summary>What the run judges: the embedded service, or the target the run is aimed at.</summary>
    public ScenarioTarget Target { get; }

    /// <summary>Makes the exception that stops a scenario as skipped (the test framework's, set by the hooks).</summary>
    public Func<string, Exception> Skip { get; set; } = reason => new InvalidOperationException(reason);

    /// <summary>Why the scenario stopped before its checks, once a step has said so.</summary>
    public NotRun? NotRun { get; private set; }

    /// <summary>Stops the scenario: it does not apply to this target.</summary>
    public Exception NotApplicable(string reason) => Stop(new(NotRunKind.NotApplicable, "not applicable to a foreign target: " + reason));

    /// <summary>Stops the scenario: the target does not offer the optional capability it needs.</summary>
    public Exception Unsupported(string reason) => Stop(new(NotRunKind.Unsupported, reason));

    Exception Stop(NotRun notRun)
    {
        NotRun = notRun;
        return Skip(notRun.Reason);
    }

    public ScenarioInfo? Scenario { get; set; }

    /// <summary>The domain the scenario's DNS zone announces the service for; every scenario declares it.</summary>
    public string? AnnouncedDomain { get; set; }
    public IReadOnlyList<Exchange> Exchanges => exchanges;
    public ProtocolProfile Profile { get; private set; }

    /// <summary>The embedded reference service itself; not applicable to a foreign target.</summary>
    public EmbeddedService Service => Target.Service;
    public ServiceStore Store => Service.Store;
    public MeshClient Client => client ?? throw new InvalidOperationException("no client connected");
    public DiscoveredClient Discovered => discovered ?? throw (client is not null
        ? NotApplicable("the scenario checks the reference client's discovery against the mock DNS")
        : new InvalidOperationException("no client connected"));

    /// <summary>The container names the service uses.</summary>
    public ContainerNames Containers => Target.Containers;

    /// <summary>
    /// The entries of a container the scenario has written to (on a foreign target downloaded through the holder's
    /// client: the download joins the trace, the scenario's last result is untouched).
    /// </summary>
    public Task<IReadOnlyList<DareEnvelope>> EntriesAsync(string account, string container) => Target.EntriesAsync(account, container, () => ReaderOf(account));

    /// <summary>How many entries a container of an account holds.</summary>
    public Task<int> EntryCountAsync(string account, string container) => Target.EntryCountAsync(account, container, () => ReaderOf(account));

    /// <summary>
    /// Reads the state of <paramref name="account"/> through the client <paramref name="reader"/> makes when first
    /// needed (the holder's authenticated DARE session), where a bare request would be refused. A target whose state is
    /// read from its store never makes one.
    /// </summary>
    public void ReadAs(string account, Func<Task<MeshClient>> reader)
    {
        Task<MeshClient>? made = null;
        readers[account] = () => made ??= reader();
    }

    async Task<MeshClient> ReaderOf(string account) => readers.TryGetValue(account, out var reader) ? await reader() : Client;

    /// <summary>How this profile's client writes binary members.</summary>
    BinaryLayout Layout => new ServiceOptions { Profile = Profile }.Layout;

    /// <summary>The account an address (or a holder's name) of the feature text stands for in this scenario.</summary>
    public string Account(string holderOrAddress)
    {
        var address = ActorsDriver.AddressOf(holderOrAddress);
        var own = Target.Account(address);
        if (!address.StartsWith('@')) accountsNamed.Add(own);
        return own;
    }

    /// <summary>The accounts the scenario has named so far: the state a refused request must leave as it was.</summary>
    public IReadOnlyCollection<string> NamedAccounts => accountsNamed;

    /// <summary>What the service holds, to compare before and after a refused request.</summary>
    public Task<string> StateAsync() => Target.StateAsync(accountsNamed, ReaderOf);

    /// <summary>
    /// The host key the target advertises: the offline signature key of the EnvelopedProfileHost of a Hello sent now
    /// (what a client knows, never the service's internals).
    /// </summary>
    public async Task<PublicKey> AdvertisedHostKeyAsync()
    {
        var hello = await Client.HelloAsync();
        var profile = hello.Typed?.EnvelopedProfileHost is { } envelope ? SignedObjects.OpenProfile<ProfileHost>(envelope).Profile : null;
        return profile?.KeyOfflineSignature ?? throw new ConformanceFailure("Hello advertises the host profile with its offline signature key (draft §5)",
            "an EnvelopedProfileHost with a KeyOfflineSignature", Expect.WireText(hello));
    }

    /// <summary>The TLS version a handshake with the service's endpoint negotiates (any certificate: only the version is judged).</summary>
    public async Task<System.Security.Authentication.SslProtocols> NegotiatedTlsAsync()
    {
        var uri = Client.ServiceUri;
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(await Target.ResolveAsync(uri.Host), uri.Port);
        await using var tls = new System.Net.Security.SslStream(tcp.GetStream(), false, (_, _, _, _) => true);
        await tls.AuthenticateAsClientAsync(new System.Net.Security.SslClientAuthenticationOptions { TargetHost = uri.Host });
        return tls.SslProtocol;
    }

    /// <summary>Starts the service for <paramref name="profile"/>; <paramref name="configure"/> adjusts its options.</summary>
    public Task StartAsync(ProtocolProfile profile, Func<ServiceOptions, ServiceOptions>? configure = null, bool tls = false)
    {
        Profile = profile;
        return Target.StartAsync(configure, tls);
    }

    /// <summary>Finds the service for <paramref name="serviceId"/> (null: the announced domain) and connects.</summary>
    public async Task ConnectAsync(string? serviceId = null, MeshClientOptions? options = null)
    {
        var (connected, found) = await Target.ConnectAsync(serviceId, options ?? new MeshClientOptions { Layout = Layout, Dictionary = JsonCDictionary.Words });
        discovered?.Dispose();
        (client, discovered) = (Track(connected), found);
    }

    /// <summary>
    /// A client of its own for an actor (an administrator, a device) speaking DARE encapsulation with the given keys,
    /// its randomness seeded by scenario and actor; it has said Hello, so it knows the service's keys.
    /// </summary>
    public async Task<MeshClient> DareClientAsync(string actor, KeyPair? signer = null, KeyPair? decryption = null, DareEnvelope? deviceProfile = null)
    {
        if (actors.TryGetValue(actor, out var known)) return known;
        var made = Track(await Target.NewClientAsync(new MeshClientOptions { Layout = Layout }));
        made.Encapsulation = new DareSession(new SeededRandomSource($"{Profile.Name()}/{Scenario?.Key}/{actor}"))
        {
            Signer = signer,
            Decryption = decryption,
            DeviceProfile = deviceProfile,
        };
        actors[actor] = made;
        await made.HelloAsync();
        return made;
    }

    /// <summary>A bare-JSON client of its own, on connections of its own, whose exchanges join the scenario's trace.</summary>
    public async Task<MeshClient> NewClientAsync() => Track(await Target.NewClientAsync(new MeshClientOptions { Layout = Layout }));

    MeshClient Track(MeshClient made)
    {
        made.Recorder.Recorded += Record;
        clients.Add(made);
        return made;
    }

    /// <summary>Whether the service accepts a content type.</summary>
    public async Task<bool> OffersEncodingAsync(string contentType) => (await Target.OfferedEncodingsAsync()).Contains(contentType);

    /// <summary>Replaces the DNS zone the service is announced in (for discovery scenarios).</summary>
    public void UseZone(DnsZone zone) => Service.Dns.Zone = zone;

    /// <summary>Keeps an exchange for the scenario's trace.</summary>
    public void Record(Exchange exchange)
    {
        lock (exchanges) exchanges.Add(exchange);
    }

    /// <summary>
    /// Keeps <paramref name="connection"/> open until the scenario ends, and closes it before the target stops: a
    /// service stopping gives a request still in flight time to finish, and one a client left half sent never would.
    /// </summary>
    public void HoldUntilEnd(IDisposable connection) => held.Add(connection);

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in held) connection.Dispose();
        foreach (var made in clients.Distinct()) made.Dispose();
        discovered?.Dispose();
        await Target.DisposeAsync();
    }
}
