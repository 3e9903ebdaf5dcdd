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

namespace Mesh.Conformance.Drivers;

/// <summary>
/// The service under test for one scenario: the embedded reference service with its DNS zone, its random
/// stream seeded by the scenario key so every run puts the same bytes on the wire, and the client that found
/// it through DNS — or a foreign target (<see cref="ForeignTarget"/>), judged by the wire alone: a step that
/// needs the reference service's internals is not applicable there and skips, saying what it needed.
/// Every exchange is kept for the scenario's vector.
/// </summary>
public sealed class ServiceTargetDriver : IAsyncDisposable
{
    readonly List<Exchange> exchanges = [];
    readonly Dictionary<string, MeshClient> actors = new(StringComparer.OrdinalIgnoreCase);
    readonly List<MeshClient> foreignClients = [];
    EmbeddedService? service;
    DiscoveredClient? discovered;
    MeshClient? foreignClient;
    readonly SortedSet<string> accountsNamed = new(StringComparer.Ordinal);

    /// <summary>The service the run is aimed at instead of the embedded one, or null.</summary>
    public ForeignTarget? Foreign { get; } = SuiteSettings.Target;

    /// <summary>Makes the exception that skips a scenario with a reason (the test framework's, set by the hooks).</summary>
    public Func<string, Exception> NotApplicable { get; set; } = reason => new InvalidOperationException(reason);

    /// <summary>Makes the exception that marks an optional capability the target does not offer (set by the hooks).</summary>
    public Func<string, Exception> Unsupported { get; set; } = reason => new InvalidOperationException(reason);

    /// <summary>The service's clock: fixed at the start of 2026 so that tickets and dates are the same on every run.</summary>
    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    public ScenarioInfo? Scenario { get; set; }

    /// <summary>The domain the scenario's DNS zone announces the service for; every scenario declares it.</summary>
    public string? AnnouncedDomain { get; set; }
    public IReadOnlyList<Exchange> Exchanges => exchanges;
    public ProtocolProfile Profile { get; private set; }
    public EmbeddedService Service => Foreign is not null
        ? throw NotApplicable("the scenario observes the reference service itself (its DNS zone, keys or settings); a foreign target is judged by its wire only")
        : service ?? throw new InvalidOperationException("no service started: the scenario needs 'Given the reference service in the … profile'");
    public ServiceStore Store => Foreign is not null
        ? throw NotApplicable("the scenario reads the service's stored containers, which a foreign target does not expose")
        : Service.Store;
    public MeshClient Client => foreignClient ?? discovered?.Client ?? throw new InvalidOperationException("no client connected");
    public DiscoveredClient Discovered => discovered ?? throw (Foreign is not null
        ? NotApplicable("the scenario checks the reference client's discovery against the mock DNS")
        : new InvalidOperationException("no client connected"));

    /// <summary>The container names of the profile: the embedded service's, or the profile's defaults for a foreign target.</summary>
    public ContainerNames Containers => Foreign is null ? Service.Host.Service.Context.Names : ProfileDefaults.Containers;

    /// <summary>
    /// The entries of a container the scenario has written to: read from the embedded service's store, or downloaded
    /// from a foreign target (the download's exchange joins the scenario's trace; the scenario's last result is untouched).
    /// </summary>
    public async Task<IReadOnlyList<DareEnvelope>> EntriesAsync(string account, string container)
    {
        if (Foreign is null) return Store.Entries(account, container);
        var download = await (await ReaderOf(account)).SendAsync<DownloadResponse>(new DownloadRequest { Account = account, Select = [new() { Container = container, IndexMin = 0 }] });
        // A container not created yet is absent from the answer (the reference says 404): it holds nothing.
        if (download.Typed is not { } answer)
            throw new ConformanceFailure("The target answers Download with a DownloadResponse (draft)",
                $"a DownloadResponse for {container}", $"HTTP {download.HttpStatus} {download.Response?.GetType().Name ?? "no response"}");
        return answer.Updates?.FirstOrDefault(u => u.Container == container)?.Envelopes ?? [];
    }

    /// <summary>
    /// How many entries a container of an account holds: from the store, or from a foreign target's Status
    /// (Download would not do: the reference profile creates a container it is asked for).
    /// </summary>
    public async Task<int> EntryCountAsync(string account, string container)
    {
        if (Foreign is null) return Store.Entries(account, container).Count;
        if (Profile == ProtocolProfile.Reference)
            throw NotApplicable("in the reference profile Status creates the containers it reports (draft), so counting entries would change the indexes the scenario checks");
        var status = await (await ReaderOf(account)).SendAsync<StatusResponse>(new StatusRequest { Account = account });
        return status.Typed?.ContainerStatus?.FirstOrDefault(c => c.Container == container)?.Index ?? 0;
    }

    readonly Dictionary<string, Func<Task<MeshClient>>> readers = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Reads the state of <paramref name="account"/> on a foreign target through the client <paramref name="reader"/>
    /// makes when first needed (the holder's authenticated DARE session), where a bare request would be refused. The
    /// embedded service's state is read from its store, so it never makes one.
    /// </summary>
    public void ReadAs(string account, Func<Task<MeshClient>> reader)
    {
        Task<MeshClient>? made = null;
        readers[account] = () => made ??= reader();
    }

    async Task<MeshClient> ReaderOf(string account) => readers.TryGetValue(account, out var reader) ? await reader() : Client;

    /// <summary>The profile's default settings: what a foreign target is assumed to run.</summary>
    ServiceOptions ProfileDefaults => new() { Profile = Profile };

    /// <summary>How this profile's client writes binary members.</summary>
    BinaryLayout Layout => ProfileDefaults.Layout;

    /// <summary>
    /// The account an address (or a holder's name) of the feature text stands for: itself against the embedded
    /// service, an account of this scenario's own on a foreign target.
    /// </summary>
    public string Account(string holderOrAddress)
    {
        var address = ActorsDriver.AddressOf(holderOrAddress);
        var own = Foreign is null ? address : Foreign.Account(address, AnnouncedDomain ?? "example.com", $"{Profile.Name()}/{Scenario?.Key}");
        if (!address.StartsWith('@')) accountsNamed.Add(own);
        return own;
    }

    /// <summary>The accounts the scenario has named so far: the state a refused request must leave as it was.</summary>
    public IReadOnlyCollection<string> NamedAccounts => accountsNamed;

    /// <summary>
    /// What the service holds, to compare before and after a refused request: the embedded store's fingerprint (every
    /// account, container and entry) with each account's stored Mesh profile and assertion, or, for a foreign target,
    /// the Status of every account the scenario named (the wire's view of its state).
    /// </summary>
    public async Task<string> StateAsync()
    {
        if (Foreign is null)
            return string.Join("\n", Store.AccountIds.Order(StringComparer.Ordinal).Select(id => Store.FindAccount(id) is { } record
                ? $"{id}: profile {Digest(record.SignedProfileMesh)}, assertion {Digest(record.SignedAssertionAccount)}" : id)
                .Prepend($"tickets held: {Service.Host.Service.TicketsHeld}").Prepend(Store.Fingerprint()));
        var lines = new List<string>();
        foreach (var account in accountsNamed)
        {
            var status = await (await ReaderOf(account)).SendAsync<StatusResponse>(new StatusRequest { Account = account });
            lines.Add($"{account}: {status.Status} {string.Join(", ", status.Typed?.ContainerStatus?.Select(c => $"{c.Container} ({c.Index})") ?? [])}");
        }
        return string.Join("\n", lines);
    }

    static string Digest(DareEnvelope envelope) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(envelope.EncodeArray()))[..16];

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
        if (Foreign is null) await tcp.ConnectAsync(System.Net.IPAddress.Loopback, Service.Host.Port);
        else await tcp.ConnectAsync(await Foreign.ResolveAsync(uri.Host), uri.Port);
        await using var tls = new System.Net.Security.SslStream(tcp.GetStream(), false, (_, _, _, _) => true);
        await tls.AuthenticateAsClientAsync(new System.Net.Security.SslClientAuthenticationOptions { TargetHost = uri.Host });
        return tls.SslProtocol;
    }

    /// <summary>Starts the service for <paramref name="profile"/>; <paramref name="configure"/> adjusts its options.</summary>
    public async Task StartAsync(ProtocolProfile profile, Func<ServiceOptions, ServiceOptions>? configure = null, bool tls = false)
    {
        Profile = profile;
        if (Foreign is not null)
        {
            var defaults = ProfileDefaults;
            var wanted = configure?.Invoke(defaults) ?? defaults;
            if (wanted == defaults && !tls) return;
            // TLS (draft §4.2.1) is judged where the target is reached over https; over plain http there is none to judge.
            if (wanted == defaults && tls)
            {
                if (Foreign.OffersTls) return;
                throw Unsupported("the target is reached over plain http (--http, or an http URL): its TLS cannot be judged");
            }
            // DARE encapsulation (docs/encapsulation.md) is the project's definition of §4.3: a target that answers a Hello
            // sent in it with an envelope speaks it; one that does not is UNSUPPORTED, not failed.
            if (wanted == defaults with { DareEncapsulation = true } && !tls)
            {
                if (await OffersDareAsync()) return;
                throw Unsupported("the target does not answer a Hello sent in DARE encapsulation (null authentication) with an envelope");
            }
            // JSON-B and JSON-C are optional and Hello says whether a service offers them.
            if (wanted == defaults with { BinaryEncodings = true } && !tls)
            {
                if ((await OfferedEncodingsAsync()).IsSupersetOf(["application/json-b", "application/json-c"])) return;
                throw Unsupported("the target's Hello does not offer both application/json-b and application/json-c");
            }
            throw NotApplicable("the scenario needs the service configured otherwise than its defaults (a limit, container names, TLS or encapsulation)");
        }
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
        options ??= new MeshClientOptions { Layout = Layout, Dictionary = JsonCDictionary.Words };
        if (Foreign is not null)
        {
            if (serviceId is not null) throw NotApplicable("the scenario checks the reference client's discovery against the mock DNS");
            foreignClient = await ForeignClientAsync(options);
            return;
        }
        serviceId ??= AnnouncedDomain ?? "example.com";
        discovered?.Dispose();
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
        if (actors.TryGetValue(actor, out var known)) return known;
        MeshClient client;
        if (Foreign is not null) client = await ForeignClientAsync(new MeshClientOptions { Layout = Layout });
        else
        {
            var scheme = Service.Host.Certificate is null ? DiscoveryOptions.Http : DiscoveryOptions.Https;
            client = (await DiscoveredClient.ConnectAsync(Service.Domain, Service.Dns.EndPoint, scheme,
                new MeshClientOptions { Layout = Layout }, Service.Host.Certificate?.GetCertHashString())).Client;
            client.Recorder.Recorded += Record;
        }
        client.Encapsulation = new DareSession(new SeededRandomSource($"{Profile.Name()}/{Scenario?.Key}/{actor}"))
        {
            Signer = signer,
            Decryption = decryption,
            DeviceProfile = deviceProfile,
        };
        actors[actor] = client;
        await client.HelloAsync();
        return client;
    }

    /// <summary>Whether the service accepts a content type: the embedded service's settings, or what the target's Hello lists.</summary>
    public async Task<bool> OffersEncodingAsync(string contentType) => (await OfferedEncodingsAsync()).Contains(contentType);

    async Task<IReadOnlySet<string>> OfferedEncodingsAsync()
    {
        if (Foreign is null)
            return new HashSet<string>(Service.Host.Service.Options.BinaryEncodings ? ["application/json", "application/json-b", "application/json-c"] : ["application/json"]);
        using var client = await Foreign.ConnectAsync(new MeshClientOptions { Layout = Layout });
        var hello = await client.SendAsync<MeshHelloResponse>(new HelloRequest());
        return (hello.Typed?.Version?.Encodings?.SelectMany(e => e.ID ?? []) ?? []).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    async Task<bool> OffersDareAsync()
    {
        var probe = await ForeignClientAsync(new MeshClientOptions { Layout = Layout });
        probe.Encapsulation = new DareSession(new SeededRandomSource($"{Profile.Name()}/{Scenario?.Key}/probe"));
        var hello = await probe.HelloAsync();
        return hello.Succeeded && hello.Exchange.ResponseBody.AsSpan().TrimStart(" \t\r\n"u8) is [(byte)'[', ..];
    }

    async Task<MeshClient> ForeignClientAsync(MeshClientOptions options)
    {
        var client = await Foreign!.ConnectAsync(options);
        client.Recorder.Recorded += Record;
        foreignClients.Add(client);
        return client;
    }

    /// <summary>Replaces the DNS zone the service is announced in (for discovery scenarios).</summary>
    public void UseZone(DnsZone zone) => Service.Dns.Zone = zone;

    void Record(Exchange exchange)
    {
        lock (exchanges) exchanges.Add(exchange);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in actors.Values.Concat(foreignClients).Distinct()) client.Dispose();
        discovered?.Dispose();
        if (service is not null) await service.DisposeAsync();
    }
}
