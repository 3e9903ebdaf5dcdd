namespace Mesh.Dns;

/// <summary>How the zone answers one question: records, the name exists without that type, or no such name.</summary>
public enum ZoneAnswerKind
{
    /// <summary>NOERROR with records (possibly a CNAME chain).</summary>
    Answer,

    /// <summary>NOERROR, empty answer: the name exists but holds no record of the type (RFC 2308 §2.2).</summary>
    NoData,

    /// <summary>NXDOMAIN: the name does not exist (RFC 2308 §2.1).</summary>
    NxDomain,
}

/// <summary>The result of <see cref="DnsZone.Lookup"/>: its kind and, for <see cref="ZoneAnswerKind.Answer"/>, the records in answer order.</summary>
public sealed record ZoneLookupResult(ZoneAnswerKind Kind, IReadOnlyList<ZoneRecord> Records)
{
    internal static readonly ZoneLookupResult NoData = new(ZoneAnswerKind.NoData, []);
    internal static readonly ZoneLookupResult NxDomain = new(ZoneAnswerKind.NxDomain, []);
}
