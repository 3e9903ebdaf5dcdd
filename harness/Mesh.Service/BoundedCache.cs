using System.Collections.Concurrent;

namespace Mesh.Service;

/// <summary>
/// A cache of results that are costly to compute and never wrong to compute again (signature checks). At most
/// <see cref="Capacity"/> entries: when full it starts afresh, which costs a recomputation, never a wrong answer.
/// </summary>
public sealed class BoundedCache<TKey, TValue>(int capacity, IEqualityComparer<TKey>? comparer = null) where TKey : notnull
{
    readonly ConcurrentDictionary<TKey, TValue> entries = new(comparer);

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    public int Count => entries.Count;

    public TValue GetOrAdd(TKey key, Func<TKey, TValue> compute)
    {
        if (entries.TryGetValue(key, out var known)) return known;
        if (entries.Count >= Capacity) entries.Clear();
        return entries.GetOrAdd(key, compute);
    }

    public void Set(TKey key, TValue value)
    {
        if (entries.Count >= Capacity) entries.Clear();
        entries[key] = value;
    }
}
