namespace Mesh.Dns;

/// <summary>A CNAME record (RFC 1035 §3.3.1): <see cref="ZoneRecord.Name"/> is an alias of <see cref="Target"/>.</summary>
public sealed record CNameZoneRecord : ZoneRecord
{
    public CNameZoneRecord(string name, string target, int ttl = DefaultTtl)
        : base(name, ttl)
    {
        Target = DnsName.Normalize(target);
        if (Target == DnsName.Root) throw new ArgumentException("A CNAME cannot point at the root.", nameof(target));
    }

    /// <summary>The canonical name, normalized.</summary>
    public string Target { get; }

    public override ZoneRecordType Type => ZoneRecordType.CNAME;

    protected override string DataText => Target + ".";
}
