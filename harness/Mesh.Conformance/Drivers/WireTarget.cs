using System.Net;
using System.Security.Cryptography;
using Mesh.Client;
using Mesh.Conformance.Scenarios;
using Mesh.Conformance.Simulation;
using Mesh.Conformance.Targets;
using Mesh.Hosting;
using Mesh.Service;
using Mesh.Service.Variations;
using Mesh.Wire.Crypto;
using Mesh.Wire.Dare;
using Mesh.Wire.Messages;
using Mesh.Wire.Protocol;

namespace Mesh.Conformance.Drivers;

/// <summary>
/// A service somebody else runs (<see cref="ForeignTarget"/>), judged by what crosses the wire: it keeps state between
/// scenarios and runs, so each scenario gets accounts of its own, and its state is what Status and Download say.
/// It runs its own settings: a scenario that needs other settings is judged where the target's Hello (or its answer to
/// a probe) shows it has them, and is unsupported or not applicable otherwise.
/// </summary>
public sealed class WireTarget(ServiceTargetDriver scenario, ForeignTarget foreign) : ScenarioTarget(scenario)
{
    public ForeignTarget Foreign { get; } = foreign;

    public override EmbeddedService Service => throw Scenario.NotApplicable(
        "the scenario observes the reference service itself (its DNS zone, keys or settings); a foreign target is judged by its wire only");

    /// <summary>The profile's default names: what the draft's examples use.</summary>
    public override ContainerNames Containers => ProfileDefaults.Containers;

    public override bool BytesAreSeeded => false;

    public override async Task StartAsync(Func<ServiceOptions, ServiceOptions>? configure, bool tls)
    {
        var defaults = ProfileDefaults;
        var wanted = configure?.Invoke(defaults) ?? defaults;
        // Bare JSON as the target offers it, or with an optional member the scenario judges where the target sends it
        // and finds UNSUPPORTED where it does not.
        var bareDefaults = wanted == defaults ||
            (wanted with { Variations = defaults.Variations } == defaults && wanted.Variations.SequenceEqual([ServiceVariations.StatusDeviceEntry]));
        if (bareDefaults && !tls)
        {
            await RequireBareJsonAsync();
            return;
        }
        // TLS (draft §4.2.1) is judged where the target is reached over https; over plain http there is none to judge.
        if (wanted == defaults && tls)
        {
            if (Foreign.OffersTls) return;
            throw Scenario.Unsupported("the target is reached over plain http (--http, or an http URL): its TLS cannot be judged");
        }
        // DARE encapsulation (docs/encapsulation.md) is the project's definition of §4.3: a target that answers a Hello
        // sent in it with an envelope speaks it; one that does not is UNSUPPORTED, not failed.
        if (wanted == defaults with { DareEncapsulation = true } && !tls)
        {
            if (await OffersDareAsync()) return;
            throw Scenario.Unsupported("the target does not answer a Hello sent in DARE encapsulation (null authentication) with an envelope");
        }
        // JSON-B and JSON-C are optional and Hello says whether a service offers them.
        if (wanted == defaults with { BinaryEncodings = true } && !tls)
        {
            if ((await OfferedEncodingsAsync()).IsSupersetOf(["application/json-b", "application/json-c"])) return;
            throw Scenario.Unsupported("the target's Hello does not offer both application/json-b and application/json-c");
        }
        throw Scenario.NotApplicable("the scenario needs the service configured otherwise than its defaults (a limit, container names, TLS or encapsulation)");
    }

    public override async Task<(MeshClient Client, DiscoveredClient? Discovered)> ConnectAsync(string? serviceId, MeshClientOptions options)
    {
        if (serviceId is not null) throw Scenario.NotApplicable("the scenario checks the reference client's discovery against the mock DNS");
        return (await NewClientAsync(options), null);
    }

    public override Task<MeshClient> NewClientAsync(MeshClientOptions options) => Foreign.ConnectAsync(options);

    /// <summary>An account of this scenario's own on the target (<see cref="ForeignTarget.Account"/>).</summary>
    public override string Account(string address) => Foreign.Account(address, Scenario.AnnouncedDomain ?? "example.com", ScenarioName);

    /// <summary>Downloaded through the holder's client; the download joins the scenario's trace, its last result untouched.</summary>
    public override async Task<IReadOnlyList<DareEnvelope>> EntriesAsync(string account, string container, Func<Task<MeshClient>> reader)
    {
        var download = await (await reader()).SendAsync<DownloadResponse>(new DownloadRequest { Account = account, Select = [new() { Container = container, IndexMin = 0 }] });
        // A container not created yet is absent from the answer (the reference says 404): it holds nothing.
        if (download.Typed is not { } answer)
            throw new ConformanceFailure("The target answers Download with a DownloadResponse (draft)",
                $"a DownloadResponse for {container}", $"HTTP {download.HttpStatus} {download.Response?.GetType().Name ?? "no response"}");
        return answer.Updates?.FirstOrDefault(u => u.Container == container)?.Envelopes ?? [];
    }

    /// <summary>From Status (Download would not do: the reference profile creates a container it is asked for).</summary>
    public override async Task<int> EntryCountAsync(string account, string container, Func<Task<MeshClient>> reader)
    {
        if (Scenario.Profile == ProtocolProfile.Reference)
            throw Scenario.NotApplicable("in the reference profile Status creates the containers it reports (draft), so counting entries would change the indexes the scenario checks");
        var status = await (await reader()).SendAsync<StatusResponse>(new StatusRequest { Account = account });
        return status.Typed?.ContainerStatus?.FirstOrDefault(c => c.Container == container)?.Index ?? 0;
    }

    /// <summary>
    /// The wire's view of the target's state, for every account the scenario named: its Status, and every entry of
    /// every container Status lists, each as a digest of its header and payload. A refusal that changes a stored
    /// entry, or adds one and removes another, shows here as well as one that moves an index.
    /// </summary>
    public override async Task<string> StateAsync(IReadOnlyCollection<string> accounts, Func<string, Task<MeshClient>> readerOf)
    {
        var lines = new List<string>();
        foreach (var account in accounts)
        {
            var reader = await readerOf(account);
            var status = await reader.SendAsync<StatusResponse>(new StatusRequest { Account = account });
            var containers = status.Typed?.ContainerStatus?.Where(c => c.Container is not null).ToList() ?? [];
            lines.Add($"{account}: {status.Status} {string.Join(", ", containers.Select(c => $"{c.Container} ({c.Index})"))}");
            if (containers.Count == 0) continue;
            var download = await reader.SendAsync<DownloadResponse>(new DownloadRequest
            {
                Account = account,
                Select = [.. containers.Select(c => new ConstraintsSelect { Container = c.Container, IndexMin = 0 })],
            });
            lines.Add($"  download: {download.Status}");
            foreach (var update in download.Typed?.Updates ?? [])
                lines.Add($"  {update.Container}: {string.Join(" ", (update.Envelopes ?? []).Select(e => Convert.ToHexString(SHA256.HashData(e.EncodeArray()))[..16]))}");
        }
        return string.Join("\n", lines);
    }

    public override Task<IPAddress[]> ResolveAsync(string host) => Foreign.ResolveAsync(host);

    /// <summary>The domain the target was given by; a target given by URL names none.</summary>
    public override PublishedDomain Published => Foreign.Domain is { } domain
        ? new(domain, Foreign.Dns, Foreign.Http, Foreign.Pin)
        : throw Scenario.NotApplicable("the target was given by URL: no domain names the records to judge (run --domain D --dns HOST:PORT)");

    /// <summary>What the target's Hello lists.</summary>
    public override async Task<IReadOnlySet<string>> OfferedEncodingsAsync()
    {
        using var client = await Foreign.ConnectAsync(new MeshClientOptions { Layout = ProfileDefaults.Layout });
        var hello = await client.SendAsync<MeshHelloResponse>(new HelloRequest());
        return (hello.Typed?.Version?.Encodings?.SelectMany(e => e.ID ?? []) ?? []).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    async Task RequireBareJsonAsync()
    {
        if (await ServesOnlyDareAsync())
            throw Scenario.Unsupported("the target serves every transaction but Hello in DARE encapsulation only (a bare Status is refused 401): a bare JSON scenario cannot run on it");
    }

    /// <summary>Per run and target: whether it refuses bare requests 401 and answers a DARE Hello, as a service requiring the encapsulation does.</summary>
    static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Task<bool>> OnlyDare = new();

    Task<bool> ServesOnlyDareAsync() => OnlyDare.GetOrAdd($"{Foreign.Run} {Foreign.Describe()}", async _ =>
    {
        using var probe = await Foreign.ConnectAsync(new MeshClientOptions { Layout = ProfileDefaults.Layout });
        var status = await probe.SendAsync<StatusResponse>(new StatusRequest { Account = Foreign.Account("probe@example.com", "example.com", "bare-json-probe") });
        return (status.HttpStatus == 401 || status.Status == 401) && await OffersDareAsync(record: false);
    });

    async Task<bool> OffersDareAsync(bool record = true)
    {
        using var probe = await Foreign.ConnectAsync(new MeshClientOptions { Layout = ProfileDefaults.Layout });
        if (record) probe.Recorder.Recorded += Scenario.Record;
        probe.Encapsulation = new DareSession(new SeededRandomSource($"{ScenarioName}/probe"));
        var hello = await probe.HelloAsync();
        return hello.Succeeded && DareEnvelope.IsEnvelopeBody(hello.Exchange.ResponseBody);
    }

    /// <summary>
    /// Through the target's test clock (<see cref="TestClockEndpoint"/>, which <c>serve --test-clock</c> offers), a hook
    /// outside the protocol: a target without one cannot be judged on what needs time to pass. The request is not part
    /// of the scenario's trace, which holds Mesh exchanges only.
    /// </summary>
    public override async Task PassTimeAsync(TimeSpan span)
    {
        using var client = await Foreign.ConnectAsync(new MeshClientOptions { Layout = ProfileDefaults.Layout });
        var hook = new Uri(client.ServiceUri, $"{TestClockEndpoint.Path}?advance={(long)span.TotalSeconds}");
        var moved = await client.SendHttpAsync(new HttpRequestMessage(HttpMethod.Post, hook));
        if (moved.HttpStatus != 200)
            throw Scenario.NotApplicable($"the target's clock cannot be moved: POST {hook.PathAndQuery} (the test clock of serve --test-clock, docs/third-party.md) was answered HTTP {moved.HttpStatus}");
    }

    public override Exception PreconditionFails(string reason) => Scenario.NotApplicable(reason);

    /// <summary>At the URL, or the endpoint discovery gives, in bare JSON, with the target's account domain.</summary>
    public override async Task<SimulationOptions> AimAsync(SimulationOptions options)
    {
        await RequireBareJsonAsync();
        var url = Foreign.Url;
        if (url is null)
        {
            using var discovered = await Foreign.ConnectAsync(new MeshClientOptions());
            url = discovered.ServiceUri;
        }
        return options with { Target = url, AccountDomain = Foreign.AccountDomain, Dns = Foreign.Dns, Pin = Foreign.Pin, Encapsulation = false };
    }

    public override SimulationOptions WithEncapsulation(SimulationOptions options) =>
        throw Scenario.NotApplicable("the simulation needs DARE encapsulation, which the suite does not ask of a foreign target");

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
