using System.Net;
using Mesh.Client;
using Mesh.Dns;
using Mesh.Dns.Discovery;

namespace Mesh.Conformance.Targets;

/// <summary>
/// A client aimed at a service found through DNS (draft §4.1): the first endpoint of the discovery
/// order whose host has an address (so the fallback <c>mmm.&lt;domain&gt;</c> gives way to <c>&lt;domain&gt;</c>, A3),
/// connections resolved through the same DNS server, the URL's authority sent as Host (A4).
/// </summary>
public sealed class DiscoveredClient : IDisposable
{
    DiscoveredClient(MeshClient client, DiscoveryResult discovery, ServiceEndpoint endpoint)
    {
        Client = client;
        Discovery = discovery;
        Endpoint = endpoint;
    }

    public MeshClient Client { get; }
    public DiscoveryResult Discovery { get; }
    public ServiceEndpoint Endpoint { get; }

    /// <param name="serviceId">An account address or a domain.</param>
    /// <param name="dns">The DNS server to ask (the mock server, or any resolver).</param>
    /// <param name="discovery">Scheme and default path.</param>
    /// <param name="options">How the client writes requests.</param>
    /// <param name="pinnedCertificateHash">The only TLS certificate to accept (a self-signed test service), or null.</param>
    /// <param name="cancel">Stops the discovery.</param>
    /// <exception cref="DiscoveryException">A DNS query failed, or no endpoint was found.</exception>
    public static async Task<DiscoveredClient> ConnectAsync(string serviceId, IPEndPoint dns, DiscoveryOptions? discovery = null,
        MeshClientOptions? options = null, string? pinnedCertificateHash = null, CancellationToken cancel = default)
    {
        var locator = new ServiceLocator(ResolverFactory.Create(dns), discovery ?? DiscoveryOptions.Https);
        var result = await locator.DiscoverAsync(serviceId, cancel);
        if (result.Endpoints.Count == 0)
            throw new DiscoveryException($"_mmm._tcp.{result.Domain}", "SRV", DiscoveryFailure.ErrorResponse,
                result.UnavailableReason ?? $"no Mesh service endpoint found for {serviceId}");
        ServiceEndpoint? chosen = null;
        foreach (var endpoint in result.Endpoints)
        {
            if ((await locator.ResolveHostAsync(endpoint.HostName, cancel)).Count > 0)
            {
                chosen = endpoint;
                break;
            }
        }
        if (chosen is null)
            throw new DiscoveryException(result.Endpoints[0].HostName, "A", DiscoveryFailure.ErrorResponse,
                $"no address for any endpoint of {serviceId}: {string.Join(", ", result.Endpoints.Select(e => e.HostName))}");
        var transport = TransportHandlers.Create(async (host, token) => await locator.ResolveHostAsync(host, token), pinnedCertificateHash);
        return new DiscoveredClient(new MeshClient(transport, chosen.Uri, options), result, chosen);
    }

    public void Dispose() => Client.Dispose();
}
