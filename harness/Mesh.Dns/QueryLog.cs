namespace Mesh.Dns;

/// <summary>The questions a <see cref="MockDnsServer"/> received, in arrival order; safe to read while the server runs.</summary>
public sealed class QueryLog
{
    readonly object _gate = new();
    readonly List<ReceivedQuery> _queries = [];

    internal void Record(ReceivedQuery query)
    {
        lock (_gate) _queries.Add(query);
    }

    /// <summary>Every query so far.</summary>
    public IReadOnlyList<ReceivedQuery> All
    {
        get { lock (_gate) return _queries.ToArray(); }
    }

    /// <summary>
    /// How many queries named <paramref name="name"/> arrived, narrowed to one type and/or one transport when given.
    /// </summary>
    public int Count(string name, ZoneRecordType? type = null, DnsTransport? transport = null) =>
        Count(name, type?.ToString(), transport);

    /// <summary>As <see cref="Count(string, ZoneRecordType?, DnsTransport?)"/> with the type as text, for types a zone cannot hold ("MX").</summary>
    public int Count(string name, string? type, DnsTransport? transport = null)
    {
        var normalized = DnsName.Normalize(name);
        lock (_gate)
        {
            return _queries.Count(q =>
                q.Name == normalized
                && (type is null || q.Type.Equals(type, StringComparison.OrdinalIgnoreCase))
                && (transport is null || q.Transport == transport));
        }
    }

    /// <summary>Forgets every query so far.</summary>
    public void Clear()
    {
        lock (_gate) _queries.Clear();
    }
}
