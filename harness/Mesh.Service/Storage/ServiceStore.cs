using System.Collections;
using System.Collections.Concurrent;
using Mesh.Wire.Dare;

namespace Mesh.Service.Storage;

/// <summary>An account bound to the service by CreateAccount (docs/service.md).</summary>
public sealed record AccountRecord(string ServiceID, DareEnvelope SignedProfileMesh, DareEnvelope SignedAssertionAccount);

/// <summary>Entries to append to one container.</summary>
public sealed record ContainerAppend(string Container, IReadOnlyList<DareEnvelope> Entries);

/// <summary>
/// Accounts and their append-only containers. Reads are served from memory; subclasses make changes
/// durable before they return (<see cref="FileStore"/>). Callers serialise changes per account; the store
/// is safe for concurrent use across accounts. Account identifiers compare in their canonical form
/// (<see cref="AccountNames"/>); one that has none names no account. A change is all or nothing: readers see the
/// account's containers before the change or after it, never between.
/// </summary>
public abstract class ServiceStore : IDisposable
{
    sealed class AccountState(AccountRecord record)
    {
        public AccountRecord Record { get; } = record;
        // Replaced whole on every change, so that a reader's view of all containers is one moment's.
        public volatile IReadOnlyDictionary<string, EntryList> Containers = new Dictionary<string, EntryList>(StringComparer.Ordinal);
    }

    readonly ConcurrentDictionary<string, AccountState> accounts = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> AccountIds => accounts.Values.Select(a => a.Record.ServiceID).ToList();

    public AccountRecord? FindAccount(string serviceId) => State(serviceId)?.Record;

    AccountState? State(string serviceId) =>
        AccountNames.Canonical(serviceId) is { } key && accounts.TryGetValue(key, out var state) ? state : null;

    /// <summary>Adds an account with its first containers, in one step; false when one with that identifier exists.</summary>
    /// <exception cref="ArgumentException">The identifier has no canonical form.</exception>
    public bool CreateAccount(AccountRecord account, IReadOnlyList<ContainerAppend> initial)
    {
        var key = AccountNames.Canonical(account.ServiceID) ?? throw new ArgumentException($"account identifier is not well-formed Unicode", nameof(account));
        var state = new AccountState(account);
        if (!accounts.TryAdd(key, state)) return false;
        try
        {
            PersistAccount(account, initial);
            Load(state, initial);
        }
        catch
        {
            accounts.TryRemove(key, out _);
            throw;
        }
        return true;
    }

    public bool DeleteAccount(string serviceId)
    {
        if (State(serviceId) is not { } state) return false;
        PersistDelete(state.Record.ServiceID);
        return accounts.TryRemove(AccountNames.Canonical(serviceId)!, out _);
    }

    /// <summary>Names of the account's containers.</summary>
    public IReadOnlyCollection<string> Containers(string serviceId) => State(serviceId)?.Containers.Keys.ToList() ?? [];

    public bool ContainerExists(string serviceId, string container) => State(serviceId)?.Containers.ContainsKey(container) == true;

    /// <summary>
    /// The container's entries (frame 0 first) as they are now; empty when it does not exist. The view is fixed when
    /// it is returned (later appends do not show in it) and costs the same whatever the container's size: nothing is copied.
    /// </summary>
    public IReadOnlyList<DareEnvelope> Entries(string serviceId, string container) =>
        State(serviceId)?.Containers.TryGetValue(container, out var entries) == true ? entries : EntryList.Empty;

    /// <summary>Appends to one or more containers (creating them), all or nothing; durable when it returns.</summary>
    public void Append(string serviceId, IReadOnlyList<ContainerAppend> batch)
    {
        var state = State(serviceId) ?? throw new InvalidOperationException($"no account {serviceId}");
        PersistAppend(state.Record.ServiceID, batch);
        Load(state, batch);
    }

    /// <summary>
    /// Everything the store holds as one text (accounts, containers, a hash per entry): compared before and after
    /// a refused request to prove that nothing changed.
    /// </summary>
    public string Fingerprint() => string.Join("\n", AccountIds.Order(StringComparer.Ordinal).SelectMany(account =>
            Containers(account).Order(StringComparer.Ordinal).Select(container => $"{account} {container} " + string.Join(",",
                Entries(account, container).Select(e => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(e.EncodeArray()))[..8]))))
        .Prepend(string.Join(",", AccountIds.Order(StringComparer.Ordinal))));

    /// <summary>For subclasses restoring state at open.</summary>
    protected void Restore(AccountRecord account, IReadOnlyList<ContainerAppend> containers) =>
        Load(accounts.GetOrAdd(AccountNames.Canonical(account.ServiceID) ?? throw new InvalidDataException("stored account identifier is not well-formed"),
            _ => new AccountState(account)), containers);

    static void Load(AccountState state, IReadOnlyList<ContainerAppend> batch)
    {
        var containers = new Dictionary<string, EntryList>(state.Containers, StringComparer.Ordinal);
        foreach (var (name, entries) in batch)
            containers[name] = (containers.TryGetValue(name, out var list) ? list : EntryList.Empty).Append(entries);
        state.Containers = containers;
    }

    /// <summary>Makes a new account and its first containers durable as one step.</summary>
    protected abstract void PersistAccount(AccountRecord account, IReadOnlyList<ContainerAppend> initial);
    protected abstract void PersistDelete(string serviceId);
    /// <summary>Makes the batch durable, all of it or (when it throws, or the process dies first) none of it.</summary>
    protected abstract void PersistAppend(string serviceId, IReadOnlyList<ContainerAppend> batch);

    public virtual void Dispose() => GC.SuppressFinalize(this);
}

/// <summary>
/// A fixed-length view of an append-only array. Appending writes past every existing view's end (growing the array
/// when full) and returns a longer view; slots a view covers are never written again, so a view never changes and
/// can be handed out without a copy. Appends to one list are serialised by the store's callers. It is a read-only
/// <see cref="IList{T}"/> so that LINQ's Skip, Take, Last and ToList index into it instead of walking it.
/// </summary>
public sealed class EntryList : IReadOnlyList<DareEnvelope>, IList<DareEnvelope>
{
    public static readonly EntryList Empty = new([], 0);

    readonly DareEnvelope[] items;

    EntryList(DareEnvelope[] items, int count)
    {
        this.items = items;
        Count = count;
    }

    public int Count { get; }

    public DareEnvelope this[int index] => (uint)index < (uint)Count ? items[index] : throw new ArgumentOutOfRangeException(nameof(index));

    DareEnvelope IList<DareEnvelope>.this[int index] { get => this[index]; set => throw ReadOnly(); }
    bool ICollection<DareEnvelope>.IsReadOnly => true;
    public int IndexOf(DareEnvelope item) => Array.IndexOf(items, item, 0, Count);
    public bool Contains(DareEnvelope item) => IndexOf(item) >= 0;
    public void CopyTo(DareEnvelope[] array, int arrayIndex) => Array.Copy(items, 0, array, arrayIndex, Count);
    void IList<DareEnvelope>.Insert(int index, DareEnvelope item) => throw ReadOnly();
    void IList<DareEnvelope>.RemoveAt(int index) => throw ReadOnly();
    void ICollection<DareEnvelope>.Add(DareEnvelope item) => throw ReadOnly();
    void ICollection<DareEnvelope>.Clear() => throw ReadOnly();
    bool ICollection<DareEnvelope>.Remove(DareEnvelope item) => throw ReadOnly();
    static NotSupportedException ReadOnly() => new("a container's entries are changed only through the store");

    /// <summary>This list with <paramref name="entries"/> after it. When this view is not the longest of its array (a change
    /// that was cut short), the new entries go to a fresh array, so no slot a view covers is overwritten.</summary>
    public EntryList Append(IReadOnlyList<DareEnvelope> entries)
    {
        if (entries.Count == 0) return this;
        var needed = Count + entries.Count;
        var target = needed <= items.Length && Volatile.Read(ref items[Count]) is null ? items : Grow(needed);
        for (var i = 0; i < entries.Count; i++) target[Count + i] = entries[i];
        return new EntryList(target, needed);
    }

    DareEnvelope[] Grow(int needed)
    {
        var grown = new DareEnvelope[Math.Max(needed, Math.Max(4, items.Length * 2))];
        Array.Copy(items, grown, Count);
        return grown;
    }

    public IEnumerator<DareEnvelope> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return items[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>Everything in memory: fast, for the suite; gone when the process ends.</summary>
public sealed class MemoryStore : ServiceStore
{
    protected override void PersistAccount(AccountRecord account, IReadOnlyList<ContainerAppend> initial) { }
    protected override void PersistDelete(string serviceId) { }
    protected override void PersistAppend(string serviceId, IReadOnlyList<ContainerAppend> batch) { }
}
