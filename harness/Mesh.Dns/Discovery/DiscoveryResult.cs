namespace Mesh.Dns.Discovery;

/// <summary>
/// What discovery found for a domain: the endpoints in order, whether the domain says the service is not
/// available (SRV target ".", RFC 2782), and notes on anything ignored on the way.
/// </summary>
public sealed record DiscoveryResult(
    string Domain,
    IReadOnlyList<ServiceEndpoint> Endpoints,
    bool ServiceUnavailable,
    string? UnavailableReason,
    IReadOnlyList<string> Notes)
{
    public override string ToString() =>
        ServiceUnavailable
            ? $"{Domain}: {UnavailableReason}"
            : $"{Domain}: {string.Join("; ", Endpoints.Select(e => e.Uri))}";
}
