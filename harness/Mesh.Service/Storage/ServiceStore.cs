using System.Collections.Concurrent;
using Mesh.Wire.Dare;

namespace Mesh.Service.Storage;

/// <summary>An account bound to the service by CreateAccount (protocol.md §2.1).</summary>
public sealed record AccountRecord(string ServiceID, DareEnvelope SignedProfileMesh, DareEnvelope SignedAssertionAccount);

/// <summary>Entries to append to one container.</summary>
public sealed record ContainerAppend(string Container, IReadOnlyList<DareEnvelope> Entries);

/// <summary>
/// Accounts and their append-only containers. Reads are served from memory; subclasses make changes
/// durable before they return (<see cref="FileStore"/>). Callers serialise changes per account; the store
/// is safe for concurrent use across accounts. Account identifiers compare without case.
/// </summary>
public abstract class ServiceStore : IDisposable
{
    sealed class AccountState(AccountRecord record)
    {
        public AccountRecord Record { get; } = record;
        public Dictionary<string, List<DareEnvelope>> Containers { get; } = new(StringComparer.Ordinal);
    }

    readonly ConcurrentDictionary<string, AccountState> accounts = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<string> AccountIds => accounts.Values.Select(a => a.Record.ServiceID).ToList();

    public AccountRecord? FindAccount(string serviceId) => accounts.TryGetValue(serviceId, out var state) ? state.Record : null;

    /// <summary>Adds an account; false when one with that identifier exists.</summary>
    public bool CreateAccount(AccountRecord account, IReadOnlyList<ContainerAppend> initial)
    {
        var state = new AccountState(account);
        if (!accounts.TryAdd(account.ServiceID, state)) return false;
        try
        {
            PersistAccount(account);
            Load(state, initial);
            PersistAppend(account.ServiceID, initial);
        }
        catch
        {
            accounts.TryRemove(account.ServiceID, out _);
            throw;
        }
        return true;
    }

    public bool DeleteAccount(string serviceId)
    {
        if (!accounts.TryGetValue(serviceId, out var state)) return false;
        PersistDelete(state.Record.ServiceID);
        return accounts.TryRemove(serviceId, out _);
    }

    /// <summary>Names of the account's containers.</summary>
    public IReadOnlyCollection<string> Containers(string serviceId) =>
        accounts.TryGetValue(serviceId, out var state) ? state.Containers.Keys.ToList() : [];

    public bool ContainerExists(string serviceId, string container) =>
        accounts.TryGetValue(serviceId, out var state) && state.Containers.ContainsKey(container);

    /// <summary>The container's entries (frame 0 first); empty when it does not exist.</summary>
    public IReadOnlyList<DareEnvelope> Entries(string serviceId, string container) =>
        accounts.TryGetValue(serviceId, out var state) && state.Containers.TryGetValue(container, out var entries)
            ? entries.ToList() : [];

    /// <summary>Appends to one or more containers (creating them); durable when it returns.</summary>
    public void Append(string serviceId, IReadOnlyList<ContainerAppend> batch)
    {
        if (!accounts.TryGetValue(serviceId, out var state)) throw new InvalidOperationException($"no account {serviceId}");
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
        Load(accounts.GetOrAdd(account.ServiceID, _ => new AccountState(account)), containers);

    static void Load(AccountState state, IReadOnlyList<ContainerAppend> batch)
    {
        foreach (var (name, entries) in batch)
        {
            if (!state.Containers.TryGetValue(name, out var list)) state.Containers[name] = list = [];
            list.AddRange(entries);
        }
    }

    protected abstract void PersistAccount(AccountRecord account);
    protected abstract void PersistDelete(string serviceId);
    protected abstract void PersistAppend(string serviceId, IReadOnlyList<ContainerAppend> batch);

    public virtual void Dispose() => GC.SuppressFinalize(this);
}

/// <summary>Everything in memory: fast, for the suite; gone when the process ends.</summary>
public sealed class MemoryStore : ServiceStore
{
    protected override void PersistAccount(AccountRecord account) { }
    protected override void PersistDelete(string serviceId) { }
    protected override void PersistAppend(string serviceId, IReadOnlyList<ContainerAppend> batch) { }
}
