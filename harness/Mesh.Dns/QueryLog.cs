namespace Mesh.Dns;

/// <summary>
/// The questions a <see cref="MockDnsServer"/> received, in arrival order; safe to read while the server runs.
/// Bounded: beyond <see cref="Capacity"/> the oldest query is forgotten, so a long-running server keeps its memory.
/// </summary>
public sealed class QueryLog(int capacity = QueryLog.DefaultCapacity)
{
    public const int DefaultCapacity = 100_000;

    readonly object _gate = new();
    readonly Queue<ReceivedQuery> _queries = new();
    long _forgotten;

    /// <summary>How many queries are kept at most.</summary>
    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    /// <summary>How many queries were forgotten to stay within <see cref="Capacity"/>.</summary>
    public long Forgotten
    {
        get { lock (_gate) return _forgotten; }
    }

    internal void Record(ReceivedQuery query)
    {
        lock (_gate)
        {
            if (_queries.Count == Capacity) { _queries.Dequeue(); _forgotten++; }
            _queries.Enqueue(query);
        }
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
        lock (_gate) { _queries.Clear(); _forgotten = 0; }
    }
}
