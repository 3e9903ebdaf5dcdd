using System.Net;
using System.Net.Security;
using System.Net.Sockets;

namespace Mesh.Client;

/// <summary>Resolves a host name to addresses (the mock DNS in tests, the system resolver otherwise).</summary>
public delegate Task<IReadOnlyList<IPAddress>> HostResolver(string host, CancellationToken cancel);

/// <summary>
/// Socket transports for <see cref="MeshClient"/>. The URL keeps the DNS name found by discovery (so the
/// Host header and TLS name are the service's), while the connection goes to the address a chosen resolver
/// gives — the mock DNS server in tests.
/// </summary>
public static class TransportHandlers
{
    /// <param name="resolve">Name resolution; null for the system resolver.</param>
    /// <param name="pinnedCertificateHash">SHA-1 thumbprint (hex) of the only server certificate to accept; null for normal validation.</param>
    /// <param name="connectTimeout">How long a connection may take (default 5 s).</param>
    public static SocketsHttpHandler Create(HostResolver? resolve = null, string? pinnedCertificateHash = null, TimeSpan? connectTimeout = null)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false, // A32: redirects are untrusted and never followed
            UseProxy = false,
            ConnectTimeout = connectTimeout ?? TimeSpan.FromSeconds(5),
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
        };
        if (pinnedCertificateHash is not null)
        {
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is not null && string.Equals(certificate.GetCertHashString(), pinnedCertificateHash, StringComparison.OrdinalIgnoreCase),
            };
        }
        if (resolve is not null)
        {
            handler.ConnectCallback = async (context, cancel) =>
            {
                var host = context.DnsEndPoint.Host;
                var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await resolve(host, cancel);
                if (addresses.Count == 0) throw new HttpRequestException($"{host} has no address");
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(addresses.ToArray(), context.DnsEndPoint.Port, cancel);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }
        return handler;
    }
}
