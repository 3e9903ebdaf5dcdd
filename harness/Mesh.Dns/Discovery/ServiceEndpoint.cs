namespace Mesh.Dns.Discovery;

/// <summary>
/// One place to reach the Mesh service, in the order a client should try them.
/// </summary>
/// <param name="Uri">scheme://host[:port]/path; the host is a DNS name for the HTTP client to resolve.</param>
/// <param name="Host">
/// The Host header value: the authority of <paramref name="Uri"/> (spec digest A4), host[:port] with the
/// scheme's default port left out, as HTTP clients send it (RFC 9110 §7.2).
/// </param>
/// <param name="HostName">The DNS name in <paramref name="Uri"/>, to resolve (see <see cref="ServiceLocator.ResolveHostAsync"/>).</param>
/// <param name="Port">The SRV port, or null for the scheme's default.</param>
/// <param name="Priority">The SRV priority, or null for a fallback host.</param>
/// <param name="Weight">The SRV weight, or null for a fallback host.</param>
/// <param name="Source">How this endpoint was found, for a conformance report.</param>
public sealed record ServiceEndpoint(Uri Uri, string Host, string HostName, int? Port, int? Priority, int? Weight, string Source)
{
    /// <summary>True when the endpoint came from an SRV record rather than a fallback.</summary>
    public bool FromSrv => Priority is not null;

    public override string ToString() => $"{Uri} ({Source})";
}
