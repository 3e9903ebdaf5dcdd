namespace Mesh.Dns;

/// <summary>
/// An SRV record (RFC 2782): <c>_Service._Proto.Name TTL Class SRV Priority Weight Port Target</c>.
/// A <see cref="Target"/> of "." says the service is decidedly not available at this domain.
/// </summary>
public sealed record SrvZoneRecord : ZoneRecord
{
    public SrvZoneRecord(string name, ushort priority, ushort weight, ushort port, string target, int ttl = DefaultTtl)
        : base(name, ttl)
    {
        Priority = priority;
        Weight = weight;
        Port = port;
        Target = DnsName.Normalize(target);
    }

    public ushort Priority { get; }
    public ushort Weight { get; }
    public ushort Port { get; }

    /// <summary>The target host, normalized; <see cref="DnsName.Root"/> for ".".</summary>
    public string Target { get; }

    public override ZoneRecordType Type => ZoneRecordType.SRV;

    protected override string DataText => $"{Priority} {Weight} {Port} {(Target == DnsName.Root ? "." : Target + ".")}";
}
