using System.Net;
using DnsClient;

namespace Mesh.Dns;

/// <summary>
/// DnsClient resolvers aimed at one server, set for tests: no cache (a test that changes the zone sees the
/// change), a short timeout, one retry, and TCP fallback on truncation (RFC 7766 §5).
/// </summary>
public static class ResolverFactory
{
    /// <summary>Per-try timeout when none is given.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A resolver for <paramref name="server"/>. With <paramref name="tcpOnly"/> every query goes over TCP.
    /// A query that gets no answer gives up after about (1 + retries) × <paramref name="timeout"/>.
    /// </summary>
    public static LookupClient Create(IPEndPoint server, TimeSpan? timeout = null, bool tcpOnly = false) =>
        new(Options(server, timeout, tcpOnly));

    /// <summary>A resolver for a server written <c>127.0.0.1:5353</c> or <c>[::1]:5353</c>.</summary>
    public static LookupClient Create(string hostAndPort, TimeSpan? timeout = null, bool tcpOnly = false) =>
        Create(ParseEndPoint(hostAndPort), timeout, tcpOnly);

    /// <summary>The options <see cref="Create(IPEndPoint, TimeSpan?, bool)"/> uses, for a caller that wants to adjust them.</summary>
    public static LookupClientOptions Options(IPEndPoint server, TimeSpan? timeout = null, bool tcpOnly = false)
    {
        ArgumentNullException.ThrowIfNull(server);
        return new LookupClientOptions(server)
        {
            UseCache = false,
            Timeout = timeout ?? DefaultTimeout,
            Retries = 1,
            UseTcpFallback = true,
            UseTcpOnly = tcpOnly,
            // Errors come back as responses so callers can say which RCODE they got, and with one server
            // there is no other to continue with.
            ThrowDnsErrors = false,
            ContinueOnDnsError = false,
            ContinueOnEmptyResponse = false,
        };
    }

    /// <summary>Parses <c>address:port</c>; a host name is looked up with the system resolver.</summary>
    public static IPEndPoint ParseEndPoint(string hostAndPort)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hostAndPort);
        if (IPEndPoint.TryParse(hostAndPort, out var endPoint) && endPoint.Port != 0) return endPoint;

        var colon = hostAndPort.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(hostAndPort[(colon + 1)..], out var port) || port is < 1 or > 65535)
            throw new FormatException($"'{hostAndPort}' is not host:port.");
        var host = hostAndPort[..colon];
        var address = System.Net.Dns.GetHostAddresses(host).FirstOrDefault()
            ?? throw new FormatException($"'{host}' has no address.");
        return new IPEndPoint(address, port);
    }
}
