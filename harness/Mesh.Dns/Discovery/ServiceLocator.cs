using System.Net;
using DnsClient;
using DnsClient.Protocol;

namespace Mesh.Dns.Discovery;

/// <summary>
/// Mesh service discovery as the spec digest recommends: SRV and TXT at <c>_mmm._tcp.&lt;domain&gt;</c>,
/// SRV targets in RFC 2782 order with an optional TXT <c>path</c> (domain-wide, or per target at
/// <c>_mmm._tcp.&lt;target&gt;</c>), and with no SRV the fallback hosts <c>mmm.&lt;domain&gt;</c> then
/// <c>&lt;domain&gt;</c> at the well-known path.
/// </summary>
/// <remarks>
/// NXDOMAIN or an empty answer means "no SRV" and leads to the fallback; SERVFAIL, REFUSED or a timeout on
/// the SRV query means "unknown" and raises <see cref="DiscoveryException"/> at once — a conformance tool must
/// say what failed rather than guess. Every query is bounded by the resolver's timeout and retries.
/// </remarks>
public sealed class ServiceLocator
{
    readonly IDnsQuery _resolver;
    readonly DiscoveryOptions _options;
    readonly Random _random;

    /// <param name="resolver">The resolver to ask, e.g. from <see cref="ResolverFactory"/>.</param>
    /// <param name="options">Scheme, default path, fallbacks; <see cref="DiscoveryOptions.Https"/> when null.</param>
    /// <param name="random">Source for the weighted order; pass a seeded one for a repeatable order.</param>
    public ServiceLocator(IDnsQuery resolver, DiscoveryOptions? options = null, Random? random = null)
    {
        _resolver = resolver ?? throw new ArgumentNullException(nameof(resolver));
        _options = (options ?? DiscoveryOptions.Https).Validated();
        _random = random ?? new Random();
    }

    /// <summary>The options in force (scheme lower-cased).</summary>
    public DiscoveryOptions Options => _options;

    /// <summary>
    /// The endpoints for <paramref name="serviceIdentifier"/> (<c>alice@example.com</c> or <c>example.com</c>),
    /// in the order to try them; empty when the domain says the service is not available
    /// (<see cref="DiscoverAsync"/> says why).
    /// </summary>
    /// <exception cref="DiscoveryException">The SRV query failed (SERVFAIL, REFUSED, timeout).</exception>
    public async Task<IReadOnlyList<ServiceEndpoint>> LocateAsync(string serviceIdentifier, CancellationToken cancellationToken = default) =>
        (await DiscoverAsync(serviceIdentifier, cancellationToken).ConfigureAwait(false)).Endpoints;

    /// <summary>As <see cref="LocateAsync"/>, with the reason for an empty result and notes on what was ignored.</summary>
    /// <exception cref="DiscoveryException">The SRV query failed (SERVFAIL, REFUSED, timeout).</exception>
    public async Task<DiscoveryResult> DiscoverAsync(string serviceIdentifier, CancellationToken cancellationToken = default)
    {
        var domain = ServiceIdentifier.DomainOf(serviceIdentifier);
        var serviceName = DnsZone.MeshServiceName(domain);
        var notes = new List<string>();

        // Step 1: SRV and TXT for _mmm._tcp.<domain>, asked together so a slow server costs one timeout, not two.
        var srvTask = DnsQueryOutcome.RunAsync(_resolver, serviceName, QueryType.SRV, cancellationToken);
        var txtTask = DnsQueryOutcome.RunAsync(_resolver, serviceName, QueryType.TXT, cancellationToken);
        var srv = await srvTask.ConfigureAwait(false);
        if (srv.Failed) throw srv.ToException(); // without waiting for the TXT answer: it can change nothing
        var domainPath = PathFrom(await txtTask.ConfigureAwait(false), notes);

        if (srv.Kind != DnsQueryOutcome.Kinds.Records)
            return Fallback(domain, serviceName, srv, domainPath, notes);

        // RFC 2782: 'A Target of "." means that the service is decidedly not available at this domain.'
        var records = srv.Records.OfType<SrvRecord>().ToList();
        var usable = records.Where(r => HostOf(r) != DnsName.Root).ToList();
        if (usable.Count == 0)
        {
            var reason = $"SRV at {serviceName} has target \".\": the service is decidedly not available at {domain} (RFC 2782); no fallback is tried";
            return new DiscoveryResult(domain, [], ServiceUnavailable: true, reason, notes);
        }
        if (usable.Count < records.Count)
            notes.Add($"{records.Count - usable.Count} SRV record(s) at {serviceName} with target \".\" ignored beside real targets");

        // Step 2: priority, then weighted random within a priority.
        IReadOnlyList<SrvRecord> ordered;
        lock (_random) ordered = SrvOrdering.Order(usable, r => r.Priority, r => r.Weight, _random);

        // Step 3: a TXT path at _mmm._tcp.<target> overrides the domain's for that target.
        var targets = ordered.Select(HostOf).Distinct().Where(t => DnsZone.MeshServiceName(t) != serviceName).ToList();
        var targetTxt = await Task.WhenAll(targets.Select(t =>
            DnsQueryOutcome.RunAsync(_resolver, DnsZone.MeshServiceName(t), QueryType.TXT, cancellationToken))).ConfigureAwait(false);
        var targetPaths = new Dictionary<string, (string Path, string At)>();
        for (var i = 0; i < targets.Count; i++)
        {
            if (PathFrom(targetTxt[i], notes) is { } found) targetPaths[targets[i]] = found;
        }

        var endpoints = ordered.Select(r =>
        {
            var host = HostOf(r);
            var (path, pathSource) = targetPaths.TryGetValue(host, out var own) ? (own.Path, $"TXT path={own.Path} at {own.At}")
                : domainPath is { } shared ? (shared.Path, $"TXT path={shared.Path} at {shared.At}")
                : (_options.DefaultPath, $"default path {_options.DefaultPath}");
            var source = $"SRV {r.Priority} {r.Weight} {serviceName} → {host}:{r.Port}, {pathSource}";
            return Endpoint(host, r.Port, path, r.Priority, r.Weight, source);
        }).ToList();
        return new DiscoveryResult(domain, endpoints, ServiceUnavailable: false, null, notes);
    }

    // Steps 4–5: no SRV → mmm.<domain>, then <domain>, without port, at the default path (digest step 5, A3).
    DiscoveryResult Fallback(string domain, string serviceName, DnsQueryOutcome srv, (string Path, string At)? domainPath, List<string> notes)
    {
        if (domainPath is { } ignored)
            notes.Add($"TXT path={ignored.Path} at {ignored.At} not used: without SRV the fallback hosts use {_options.DefaultPath}");
        var hosts = _options.BareDomainFallback ? new[] { "mmm." + domain, domain } : ["mmm." + domain];
        var endpoints = hosts.Select((host, i) => Endpoint(host, null, _options.DefaultPath, null, null,
            $"fallback {i + 1}: no SRV at {serviceName} ({srv.Summary}) → {host}, default path {_options.DefaultPath}")).ToList();
        return new DiscoveryResult(domain, endpoints, ServiceUnavailable: false, null, notes);
    }

    ServiceEndpoint Endpoint(string host, int? port, string path, int? priority, int? weight, string source)
    {
        var uri = new UriBuilder(_options.Scheme, host, port ?? -1, path).Uri;
        return new ServiceEndpoint(uri, uri.Authority, host, port, priority, weight, source);
    }

    // The first usable path=… of a TXT answer (RFC 6763 §6.4: first occurrence wins), or null; anything
    // ignored on the way becomes a note. A failed TXT query is noted, not fatal: TXT only refines the path.
    static (string Path, string At)? PathFrom(DnsQueryOutcome txt, List<string> notes)
    {
        if (txt.Failed)
        {
            notes.Add($"TXT query for {txt.Name} failed ({txt.FailureText}); its path, if any, is not used");
            return null;
        }
        var records = txt.Records.OfType<TxtRecord>().ToList();
        if (records.Count > 1)
            notes.Add($"{records.Count} TXT records at {txt.Name}; their strings are read in order, first key wins");
        var attributes = TxtAttributes.Parse(records.SelectMany(r => r.Text));
        foreach (var key in attributes.Keys.Where(k => !k.Equals(TxtAttributes.PathKey, StringComparison.OrdinalIgnoreCase)))
            notes.Add($"TXT key '{key}' at {txt.Name} ignored (only 'path' is supported)");
        if (!attributes.TryGetValue(TxtAttributes.PathKey, out var path) || path is null) return null;
        if (!path.StartsWith('/'))
        {
            notes.Add($"TXT path={path} at {txt.Name} ignored: the path must be absolute (start with '/')");
            return null;
        }
        return (path, txt.Name);
    }

    static string HostOf(SrvRecord record) => DnsName.Normalize(record.Target.Value);

    /// <summary>
    /// The addresses of <paramref name="host"/> (A, then AAAA) from the same DNS server, CNAMEs followed by
    /// the server; so a client can connect to, say, 127.0.0.1 while sending the DNS name as Host. An IP
    /// literal is returned as is; a name without addresses gives an empty list.
    /// </summary>
    /// <exception cref="DiscoveryException">An A or AAAA query failed (SERVFAIL, REFUSED, timeout).</exception>
    public async Task<IReadOnlyList<IPAddress>> ResolveHostAsync(string host, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal)) return [literal];
        var name = DnsName.Normalize(host);
        var aTask = DnsQueryOutcome.RunAsync(_resolver, name, QueryType.A, cancellationToken);
        var aaaaTask = DnsQueryOutcome.RunAsync(_resolver, name, QueryType.AAAA, cancellationToken);
        var a = await aTask.ConfigureAwait(false);
        var aaaa = await aaaaTask.ConfigureAwait(false);
        if (a.Failed) throw a.ToException();
        if (aaaa.Failed) throw aaaa.ToException();
        return a.Records.OfType<ARecord>().Select(r => r.Address)
            .Concat(aaaa.Records.OfType<AaaaRecord>().Select(r => r.Address))
            .ToList();
    }
}
