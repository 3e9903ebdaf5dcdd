namespace Mesh.Dns;

/// <summary>The record types a <see cref="DnsZone"/> can hold: what Mesh discovery needs and no more.</summary>
public enum ZoneRecordType
{
    /// <summary>IPv4 address (RFC 1035 §3.4.1).</summary>
    A,

    /// <summary>IPv6 address (RFC 3596).</summary>
    AAAA,

    /// <summary>Alias (RFC 1035 §3.3.1); the server chases it within the zone.</summary>
    CNAME,

    /// <summary>Service location (RFC 2782).</summary>
    SRV,

    /// <summary>Text strings, here RFC 6763 §6 key=value pairs.</summary>
    TXT,
}
