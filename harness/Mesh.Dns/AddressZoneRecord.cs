using System.Net;
using System.Net.Sockets;

namespace Mesh.Dns;

/// <summary>An A (IPv4) or AAAA (IPv6) record; the type follows the address family.</summary>
public sealed record AddressZoneRecord : ZoneRecord
{
    public AddressZoneRecord(string name, IPAddress address, int ttl = DefaultTtl)
        : base(name, ttl)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
            throw new ArgumentException($"{address} is neither IPv4 nor IPv6.", nameof(address));
        Address = address;
    }

    public IPAddress Address { get; }

    public override ZoneRecordType Type =>
        Address.AddressFamily == AddressFamily.InterNetwork ? ZoneRecordType.A : ZoneRecordType.AAAA;

    protected override string DataText => Address.ToString();
}
