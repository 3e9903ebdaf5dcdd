using System.Text;

namespace Mesh.Dns;

/// <summary>A TXT record: one or more character-strings (RFC 1035 §3.3.14), each at most 255 bytes.</summary>
public sealed record TxtZoneRecord : ZoneRecord
{
    public TxtZoneRecord(string name, IEnumerable<string> strings, int ttl = DefaultTtl)
        : base(name, ttl)
    {
        Strings = strings.ToArray();
        if (Strings.Count == 0) throw new ArgumentException("A TXT record holds at least one string.", nameof(strings));
        foreach (var s in Strings)
        {
            // A character-string carries its length in one octet.
            if (Encoding.UTF8.GetByteCount(s) > 255)
                throw new ArgumentException($"TXT string longer than 255 bytes: \"{s[..20]}…\"", nameof(strings));
        }
    }

    /// <summary>The strings in order.</summary>
    public IReadOnlyList<string> Strings { get; }

    public override ZoneRecordType Type => ZoneRecordType.TXT;

    protected override string DataText =>
        string.Join(' ', Strings.Select(s => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\""));

    public bool Equals(TxtZoneRecord? other) =>
        other is not null && base.Equals(other) && Strings.SequenceEqual(other.Strings);

    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), Strings.Count);
}
