namespace Mesh.Dns;

/// <summary>The transport a query reached <see cref="MockDnsServer"/> over (RFC 1035 §4.2).</summary>
public enum DnsTransport
{
    Udp,
    Tcp,
}
