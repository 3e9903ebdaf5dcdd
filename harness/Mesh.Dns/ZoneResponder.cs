using ARSoft.Tools.Net;
using ArDns = ARSoft.Tools.Net.Dns;

namespace Mesh.Dns;

/// <summary>
/// Wire side of <see cref="MockDnsServer"/>: turns a <see cref="DnsZone"/> answer into an ARSoft response message.
/// Kept apart from the server so the socket code holds no DNS semantics.
/// </summary>
internal static class ZoneResponder
{
    /// <summary>The zone's type for an ARSoft query type, or null for a type the zone cannot hold.</summary>
    public static ZoneRecordType? ZoneType(ArDns.RecordType type) => type switch
    {
        ArDns.RecordType.A => ZoneRecordType.A,
        ArDns.RecordType.Aaaa => ZoneRecordType.AAAA,
        ArDns.RecordType.CName => ZoneRecordType.CNAME,
        ArDns.RecordType.Srv => ZoneRecordType.SRV,
        ArDns.RecordType.Txt => ZoneRecordType.TXT,
        _ => null,
    };

    /// <summary>The query type as a zone file spells it: "SRV", "AAAA", "MX".</summary>
    public static string TypeWord(ArDns.RecordType type) => ZoneType(type)?.ToString() ?? type.ToString().ToUpperInvariant();

    /// <summary>A response carrying the question and <paramref name="code"/>; AA set, RA clear (we are authoritative, not recursive).</summary>
    public static ArDns.DnsMessage Empty(ArDns.DnsMessage query, ArDns.ReturnCode code)
    {
        var response = query.CreateResponseInstance();
        response.IsAuthoritiveAnswer = true;
        response.IsRecursionAllowed = false;
        response.ReturnCode = code;
        return response;
    }

    /// <summary>The complete answer the zone gives for <paramref name="question"/>.</summary>
    public static ArDns.DnsMessage Answer(ArDns.DnsMessage query, ArDns.DnsQuestion question, string name, DnsZone zone)
    {
        var result = zone.Lookup(name, ZoneType(question.RecordType));
        var response = Empty(query, result.Kind == ZoneAnswerKind.NxDomain ? ArDns.ReturnCode.NxDomain : ArDns.ReturnCode.NoError);
        foreach (var record in result.Records) response.AnswerRecords.Add(ToWire(record));
        return response;
    }

    static ArDns.DnsRecordBase ToWire(ZoneRecord record) => record switch
    {
        SrvZoneRecord srv => new ArDns.SrvRecord(Domain(srv.Name), srv.Ttl, srv.Priority, srv.Weight, srv.Port, Domain(srv.Target)),
        TxtZoneRecord txt => new ArDns.TxtRecord(Domain(txt.Name), txt.Ttl, txt.Strings),
        AddressZoneRecord { Type: ZoneRecordType.A } a => new ArDns.ARecord(Domain(a.Name), a.Ttl, a.Address),
        AddressZoneRecord aaaa => new ArDns.AaaaRecord(Domain(aaaa.Name), aaaa.Ttl, aaaa.Address),
        CNameZoneRecord cname => new ArDns.CNameRecord(Domain(cname.Name), cname.Ttl, Domain(cname.Target)),
        _ => throw new NotSupportedException(record.GetType().Name),
    };

    static DomainName Domain(string normalized) =>
        normalized == DnsName.Root ? DomainName.Root : DomainName.Parse(normalized);
}
