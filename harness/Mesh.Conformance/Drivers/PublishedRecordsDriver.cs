using System.Net;
using DnsClient;
using DnsClient.Protocol;
using Mesh.Client;
using Mesh.Conformance.Scenarios;
using Mesh.Hosting;
using Mesh.Wire.Messages;

namespace Mesh.Conformance.Drivers;

/// <summary>Where a service's discovery records are published: its domain, the DNS server to ask and how its endpoints are reached.</summary>
/// <param name="Domain">The domain whose records announce the service.</param>
/// <param name="Dns">The DNS server to ask, or null for the system's resolver.</param>
/// <param name="Http">Its endpoints are plain http (otherwise https).</param>
/// <param name="Pin">The only TLS certificate to accept, or null for the system's trust.</param>
public sealed record PublishedDomain(string Domain, IPEndPoint? Dns, bool Http, string? Pin);

/// <summary>A Web Service endpoint a domain's records announce, and the records that give it.</summary>
public sealed record AnnouncedEndpoint(Uri Uri, string Records);

/// <summary>
/// The discovery records a service's domain publishes (draft §4.1 and the Web Service discovery draft it names), read
/// with a plain DNS client, independently of the reference client's discovery, and the endpoints they announce:
/// every SRV record of <c>_mmm._tcp.&lt;domain&gt;</c>, whatever its priority and weight, at the path its host's TXT
/// record gives, else the domain's, else the well-known path (A1); without SRV, the fallback hosts <c>mmm.&lt;domain&gt;</c>
/// then <c>&lt;domain&gt;</c> on the scheme's default port (A3). TXT strings are RFC 6763 <c>key=value</c> attributes,
/// several to a string where the draft's syntax puts them so; only <c>path</c> is used and other keys are ignored (A2).
/// </summary>
public sealed class PublishedRecordsDriver(ServiceTargetDriver target)
{
    const string PathKey = "path";
    readonly List<AnnouncedEndpoint> endpoints = [];
    readonly List<string> paths = [];
    PublishedDomain? published;
    LookupClient? dns;

    /// <summary>The endpoints announced, in the order read; empty until <see cref="ReadAsync"/>.</summary>
    public IReadOnlyList<AnnouncedEndpoint> Endpoints => endpoints;

    /// <summary>Reads the domain's SRV and TXT records and derives the endpoints they announce.</summary>
    public async Task ReadAsync()
    {
        published = target.Target.Published;
        dns = published.Dns is { } server ? Mesh.Dns.ResolverFactory.Create(server) : new LookupClient(new LookupClientOptions { UseCache = false });
        var service = $"_mmm._tcp.{published.Domain}";
        var scheme = published.Http ? Uri.UriSchemeHttp : Uri.UriSchemeHttps;
        var srv = (await QueryAsync(service, QueryType.SRV)).OfType<SrvRecord>().OrderBy(r => r.Priority).ThenByDescending(r => r.Weight).ToList();
        var domainPath = await PathAtAsync(service);
        foreach (var record in srv)
        {
            var host = record.Target.Value.TrimEnd('.');
            var hostPath = await PathAtAsync($"_mmm._tcp.{host}");
            var (path, from) = hostPath is not null ? (hostPath, $"TXT path at _mmm._tcp.{host}")
                : domainPath is not null ? (domainPath, $"TXT path at {service}") : (MeshHttpBinding.WellKnownPath, "the well-known path");
            endpoints.Add(new(new UriBuilder(scheme, host, record.Port, path).Uri,
                $"SRV {record.Priority} {record.Weight} {record.Port} {host} at {service}, {from}"));
        }
        if (srv.Count > 0) return;
        foreach (var host in new[] { $"mmm.{published.Domain}", published.Domain })
        {
            if ((await AddressesAsync(host)).Count == 0) continue;
            endpoints.Add(new(new UriBuilder(scheme, host, -1, MeshHttpBinding.WellKnownPath).Uri,
                $"no SRV at {service}: the fallback host {host} on the default port of {scheme}, the well-known path (A3)"));
            return;
        }
    }

    /// <summary>The domain announces at least one endpoint: by SRV, or a fallback host with an address.</summary>
    public void ExpectAnEndpoint()
    {
        if (endpoints.Count > 0) return;
        throw new ConformanceFailure("The service's domain announces it: SRV at _mmm._tcp.<domain>, or the fallback host mmm.<domain> or <domain> (A3)",
            "an SRV record, or an address for a fallback host", $"neither, for {published?.Domain}");
    }

    /// <summary>Every endpoint the records announce is the Mesh service: it answers Hello with a MeshHelloResponse.</summary>
    public async Task ExpectEveryEndpointAnswersHelloAsync()
    {
        ExpectAnEndpoint();
        var failures = new List<string>();
        foreach (var endpoint in endpoints)
        {
            using var client = new MeshClient(TransportHandlers.Create(async (host, cancel) => await AddressesAsync(host), published!.Pin, TimeSpan.FromSeconds(5)),
                endpoint.Uri, new MeshClientOptions { Timeout = TimeSpan.FromSeconds(10) });
            client.Recorder.Recorded += target.Record;
            try
            {
                var hello = await client.SendAsync<MeshHelloResponse>(new HelloRequest());
                if (hello.Typed is null)
                    failures.Add($"{endpoint.Uri} ({endpoint.Records}): HTTP {hello.HttpStatus}, {hello.Response?.GetType().Name ?? "no Mesh answer"}");
            }
            catch (Exception e) when (e is HttpRequestException or MeshClientException or TaskCanceledException or IOException)
            {
                failures.Add($"{endpoint.Uri} ({endpoint.Records}): {e.Message}");
            }
        }
        if (failures.Count > 0)
            throw new ConformanceFailure("Every endpoint the domain's SRV records announce, whatever its priority or weight, is the Mesh service (draft §4.1, A3)",
                $"a MeshHelloResponse from each of {endpoints.Count} endpoints", string.Join("; ", failures));
    }

    /// <summary>Every TXT <c>path</c> the records give is an absolute path, so that an endpoint can be made of it.</summary>
    public void ExpectAbsolutePaths()
    {
        var relative = paths.Where(p => !p.StartsWith('/')).ToList();
        if (relative.Count > 0)
            throw new ConformanceFailure("A TXT path attribute gives the path of the Web Service Endpoint (draft §4.2.3, A2)",
                "paths that begin with /", string.Join(", ", relative.Select(p => $"path={p}")));
    }

    async Task<string?> PathAtAsync(string name)
    {
        // The first path=… wins (RFC 6763 §6.4); a string may hold several space-separated attributes (the draft's syntax).
        var attributes = (await QueryAsync(name, QueryType.TXT)).OfType<TxtRecord>().SelectMany(r => r.Text)
            .SelectMany(text => text.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        foreach (var attribute in attributes)
        {
            var equals = attribute.IndexOf('=');
            if (equals <= 0 || !attribute[..equals].Equals(PathKey, StringComparison.OrdinalIgnoreCase)) continue;
            paths.Add(attribute[(equals + 1)..]);
            return attribute[(equals + 1)..];
        }
        return null;
    }

    async Task<IReadOnlyList<IPAddress>> AddressesAsync(string host)
    {
        if (IPAddress.TryParse(host, out var literal)) return [literal];
        var v4 = (await QueryAsync(host, QueryType.A)).OfType<ARecord>().Select(r => r.Address);
        var v6 = (await QueryAsync(host, QueryType.AAAA)).OfType<AaaaRecord>().Select(r => r.Address);
        return [.. v4, .. v6];
    }

    /// <summary>The answers to one query; a name that does not exist (or a failed query) answers nothing, which the checks then judge.</summary>
    async Task<IReadOnlyList<DnsResourceRecord>> QueryAsync(string name, QueryType type)
    {
        try { return (await dns!.QueryAsync(name, type)).Answers; }
        catch (DnsResponseException) { return []; }
    }
}
