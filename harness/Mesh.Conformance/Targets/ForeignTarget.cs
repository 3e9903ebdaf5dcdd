using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Mesh.Client;
using Mesh.Conformance.Drivers;
using Mesh.Dns.Discovery;
using Mesh.Wire.Messages;

namespace Mesh.Conformance.Targets;

/// <summary>
/// A Mesh service the harness did not start (<c>run --target URL</c> or <c>run --domain D --dns HOST:PORT</c>).
/// The suite reaches it by URL or through DNS discovery, gives every scenario accounts of its own (the target
/// keeps state between scenarios and runs) and judges it by what crosses the wire only.
/// </summary>
public sealed record ForeignTarget
{
    readonly Uri? url;

    /// <summary>
    /// The service URL, or null to discover it for <see cref="Domain"/>. A URL without a path names the draft's
    /// well-known service path (§4.2.3), as discovery would give it.
    /// </summary>
    public Uri? Url { get => url; init => url = value is null ? null : WithServicePath(value); }

    /// <summary>The URL as given, or with the well-known path when it has none.</summary>
    public static Uri WithServicePath(Uri url) =>
        url.AbsolutePath is "" or "/" ? new UriBuilder(url) { Path = Mesh.Hosting.MeshHttpBinding.WellKnownPath }.Uri : url;
    public string? Domain { get; init; }
    /// <summary>The DNS server discovery asks; null for the system's resolver (port 53 of the first name server is not guessed).</summary>
    public IPEndPoint? Dns { get; init; }
    /// <summary>Discover plain http endpoints (a service without TLS, as <c>serve</c> runs by default).</summary>
    public bool Http { get; init; }
    /// <summary>The only TLS certificate to accept (SHA-1 hash, as <c>serve --tls</c> prints), or null for the system's trust.</summary>
    public string? Pin { get; init; }
    readonly string? accountDomain;

    /// <summary>The domain the target holds accounts for: as given, else the discovered domain, else the URL's host.</summary>
    [AllowNull]
    public string AccountDomain { get => accountDomain ?? Domain ?? Url?.Host ?? "example.com"; init => accountDomain = value; }
    /// <summary>Distinguishes this run's accounts from every earlier run's.</summary>
    public string Run { get; init; } = "";

    /// <summary>A run name no earlier run had: the target keeps the accounts of earlier runs.</summary>
    public static string NewRun() => DateTimeOffset.UtcNow.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture);

    public string Describe() => Url?.ToString() ?? $"{Domain} (discovered through {Dns?.ToString() ?? "the system resolver"})";

    /// <summary>
    /// The scenario's account for an address of the feature text: accounts of the announced domain become
    /// <c>local-TAG@AccountDomain</c>, TAG a digest of run and scenario, so no two scenarios or runs share one.
    /// Other domains (a remote recipient, a domain the service does not serve) stay as written.
    /// </summary>
    public string Account(string address, string announcedDomain, string scenario)
    {
        var at = address.LastIndexOf('@');
        if (at < 0 || !address[(at + 1)..].Equals(announcedDomain, StringComparison.OrdinalIgnoreCase)) return address;
        var tag = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{Run}/{scenario}")))[..10];
        return $"{address[..at]}-{tag}@{AccountDomain}";
    }

    /// <summary>Whether the target is reached over TLS: an https URL, or discovery of https endpoints.</summary>
    public bool OffersTls => Url is not null ? Url.Scheme == Uri.UriSchemeHttps : !Http;

    /// <summary>The addresses of a host of the target, through the DNS server discovery asks (or the system's resolver).</summary>
    public async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancel = default) => Dns is { } dns
        ? [.. await new ServiceLocator(Mesh.Dns.ResolverFactory.Create(dns)).ResolveHostAsync(host, cancel)]
        : await System.Net.Dns.GetHostAddressesAsync(host, cancel);

    /// <summary>A client for the target: the URL as given, or the first discovered endpoint with an address.</summary>
    /// <exception cref="DiscoveryException">Discovery found no endpoint.</exception>
    public async Task<MeshClient> ConnectAsync(MeshClientOptions options, CancellationToken cancel = default)
    {
        if (Url is not null)
            return new MeshClient(TransportHandlers.Create(pinnedCertificateHash: Pin), Url, options);
        var dns = Dns ?? throw new ArgumentException("discovering a target needs the DNS server to ask (--dns HOST:PORT)");
        var discovered = await DiscoveredClient.ConnectAsync(Domain!, dns, Http ? DiscoveryOptions.Http : DiscoveryOptions.Https, options, Pin, cancel);
        return discovered.Client;
    }

    /// <summary>
    /// Says Hello within <paramref name="timeout"/>: null when the target answers over HTTP at all (whether the
    /// answer conforms is the suite's business), else why it cannot be reached, in words, so that an
    /// unreachable target stops a run at once.
    /// </summary>
    public async Task<string?> ProbeAsync(TimeSpan timeout) => (await CheckAsync(timeout))?.Reason;

    /// <summary>
    /// As <see cref="ProbeAsync"/>, and says whether the DNS did announce an endpoint: a domain whose SRV and TXT
    /// records lead to no Mesh service (a wrong port, a wrong path) is a discovery failure of the target (draft §4.1,
    /// §4.2.3), not an unreachable one. Only no DNS answer at all leaves <see cref="ProbeFailure.Announced"/> null.
    /// </summary>
    public async Task<ProbeFailure?> CheckAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        ServiceEndpoint? announced = null;
        try
        {
            MeshClient client;
            if (Url is not null) client = await ConnectAsync(new MeshClientOptions(), cancel.Token);
            else
            {
                var discovered = await DiscoveredClient.ConnectAsync(Domain!, Dns ?? throw new ArgumentException("discovering a target needs the DNS server to ask (--dns HOST:PORT)"),
                    Http ? DiscoveryOptions.Http : DiscoveryOptions.Https, new MeshClientOptions(), Pin, cancel.Token);
                (client, announced) = (discovered.Client, discovered.Endpoint);
            }
            using (client)
            {
                var hello = await client.SendAsync<Response>(new HelloRequest(), cancel.Token);
                // 404: nothing is served at the announced path; any other answer is the suite's to judge.
                if (announced is not null && hello.HttpStatus == 404)
                    return new($"the endpoint {Announced(announced)} answers Hello with HTTP 404: no Mesh service there", announced);
            }
            return null;
        }
        catch (OperationCanceledException) { return new($"{Describe()} did not answer Hello within {timeout.TotalSeconds:0} s", announced); }
        catch (Exception e) when (e is DiscoveryException or MeshClientException or HttpRequestException or ArgumentException or IOException)
        {
            return announced is null ? new($"{Describe()} is unreachable: {e.Message}", null)
                : new($"the endpoint {Announced(announced)} does not answer: {e.Message}", announced);
        }
    }

    static string Announced(ServiceEndpoint endpoint) => $"{endpoint.Uri} that DNS announces ({endpoint.Source})";
}

/// <summary>Why a target could not be judged, and the endpoint DNS announced for it, if any.</summary>
/// <param name="Reason">In words, naming the records that led there.</param>
/// <param name="Announced">The endpoint the SRV and TXT records gave, or null when there was no DNS answer (or a URL was given).</param>
public sealed record ProbeFailure(string Reason, ServiceEndpoint? Announced);
