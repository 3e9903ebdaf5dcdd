namespace Mesh.Dns;

/// <summary>
/// One question <see cref="MockDnsServer"/> received: the normalized name, the query type in upper case
/// as a zone file spells it ("SRV", "AAAA", "MX"), and the transport.
/// </summary>
public sealed record ReceivedQuery(string Name, string Type, DnsTransport Transport);
