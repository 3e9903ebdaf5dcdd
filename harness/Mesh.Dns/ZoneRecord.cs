namespace Mesh.Dns;

/// <summary>One resource record of a <see cref="DnsZone"/>; <see cref="Name"/> is normalized (<see cref="DnsName"/>).</summary>
public abstract record ZoneRecord
{
    /// <summary>TTL given to records that do not name one. Caching is off in tests; the value only has to be sane.</summary>
    public const int DefaultTtl = 60;

    protected ZoneRecord(string name, int ttl)
    {
        Name = DnsName.Normalize(name);
        if (Name == DnsName.Root) throw new ArgumentException("A record cannot be owned by the root.", nameof(name));
        ArgumentOutOfRangeException.ThrowIfNegative(ttl);
        Ttl = ttl;
    }

    /// <summary>The owner name, lower case, without trailing dot.</summary>
    public string Name { get; }

    /// <summary>Time to live in seconds.</summary>
    public int Ttl { get; }

    /// <summary>The record's type.</summary>
    public abstract ZoneRecordType Type { get; }

    /// <summary>The record in the zone-file form <see cref="DnsZone.Parse"/> reads.</summary>
    public sealed override string ToString() => $"{Name}. {Ttl} {Type} {DataText}";

    /// <summary>The RDATA in zone-file form.</summary>
    protected abstract string DataText { get; }
}
