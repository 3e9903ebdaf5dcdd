using Mesh.Service.Storage;
using Mesh.Wire.Dare;
using Mesh.Wire.Fingerprints;
using Mesh.Wire.Json;
using Mesh.Wire.Messages;
using Mesh.Wire.Model;
using Mesh.Wire.Objects;
using Mesh.Wire.Protocol;

namespace Mesh.Service;

/// <summary>What every transaction handler shares: options, keys, store, per-account locks and the account checks.</summary>
public sealed class ServiceContext(ServiceOptions options, ServiceStore store)
{
    // One lock per stripe of account names, not per name: a lock per name ever requested would grow without bound.
    const int LockStripes = 1024;
    readonly object[] locks = [.. Enumerable.Range(0, LockStripes).Select(_ => new object())];

    public ServiceOptions Options { get; } = options;
    public ServiceStore Store { get; } = store;
    public ServiceIdentity Identity { get; } = new(options);
    public ContainerNames Names { get; } = options.Containers;
    public bool Reference => Options.Profile == ProtocolProfile.Reference;

    /// <summary>Whether the service was told to commit this fault (Faults/ServiceFaults).</summary>
    public bool Commits(string fault) => Options.Fault == fault;

    /// <summary>
    /// Serialises requests on the same account, named in any form with one canonical form (and, rarely, on accounts
    /// sharing a stripe); stripes are locked in one order, so there is no deadlock.
    /// </summary>
    public IDisposable Lock(params IEnumerable<string> accounts)
    {
        var held = accounts.Select(Stripe).Distinct().Order().Select(stripe => locks[stripe]).ToArray();
        foreach (var gate in held) Monitor.Enter(gate);
        return new Release(held);
    }

    /// <summary>Serialises requests on one account, as <see cref="Lock(IEnumerable{string})"/> does: most transactions name one.</summary>
    public IDisposable Lock(string account)
    {
        var gate = locks[Stripe(account)];
        Monitor.Enter(gate);
        return new Release([gate]);
    }

    int Stripe(string account) => (int)((uint)StringComparer.Ordinal.GetHashCode(AccountNames.Canonical(account) ?? account) % LockStripes);

    sealed class Release(object[] held) : IDisposable
    {
        public void Dispose()
        {
            for (var i = held.Length - 1; i >= 0; i--) Monitor.Exit(held[i]);
        }
    }

    /// <summary>The account a User request names (A7): required, and it must exist.</summary>
    public AccountRecord RequireAccount(MeshRequestUser request) => RequireAccount(request.Account);

    public AccountRecord RequireAccount(string? account)
    {
        if (string.IsNullOrEmpty(account)) throw MeshFailure.BadRequest("Account is required on User transactions (A7)");
        return Store.FindAccount(account) ?? throw MeshFailure.NotFound($"Account '{account}' is not known to this service");
    }

    /// <summary>The Mesh profile stored with the account.</summary>
    public static ProfileMesh MeshProfile(AccountRecord account) => EnvelopeReader.Payload<ProfileMesh>(account.SignedProfileMesh);

    /// <summary>The container header frame a service writes when it creates a container (frame 0, docs/service.md).</summary>
    public static DareEnvelope HeaderFrame() => new()
    {
        Header = new DareHeader { ContainerInfo = new ContainerInfo { DataEncoding = "JSON", Index = 0, ContainerType = "Merkle" } },
        Payload = [],
    };

    /// <summary>
    /// A spooled message as stored: the envelope as received with its frame index, and ContentMeta
    /// carrying a UniqueID (the client's, else a fresh nonce: A13) and the MessageType (A35).
    /// </summary>
    public DareEnvelope SpoolFrame(DareEnvelope received, int index, string? messageType = null)
    {
        var header = (DareHeader)WireSerializer.BindRecord(WireReader.Parse(WireSerializer.EncodeUntagged(received.Header)), typeof(DareHeader), "$");
        var meta = EnvelopeReader.TryMeta(header.ContentMetaData) ?? new ContentMeta();
        if (Commits(Faults.ServiceFaults.PostOverwritesUniqueId)) meta.UniqueID = null;
        meta.UniqueID ??= Udf.Nonce(Options.Random);
        meta.MessageType ??= messageType ?? MessageTypeOf(received);
        header.ContentMetaData = WireSerializer.EncodeUntagged(meta, WireEncoding.Json, Options.Layout);
        header.ContainerInfo = new ContainerInfo { Index = index };
        return new DareEnvelope { Header = header, Payload = received.Payload, Trailer = received.Trailer };
    }

    /// <summary>The ContentMeta.UniqueID an envelope carries, or null when it has none or its metadata does not read.</summary>
    public static string? UniqueIdOf(DareEnvelope envelope) => EnvelopeReader.TryMeta(envelope)?.UniqueID;

    // The tag of a plaintext payload names the message type; an encrypted payload does not say.
    static string? MessageTypeOf(DareEnvelope envelope)
    {
        if (envelope.Header.EncryptionAlgorithm is not null) return null;
        try { return WireReader.Parse(envelope.Payload) is WireObject { Members: [var (tag, _)] } ? tag : null; }
        catch (WireFormatException) { return null; }
    }

    /// <summary>The digest a Status reports for a container: the last frame's tree or chain digest, when carried (A17).</summary>
    public static byte[]? ApexDigest(IReadOnlyList<DareEnvelope> entries) =>
        entries.Count == 0 ? null : entries[^1].Trailer?.TreeDigest ?? entries[^1].Trailer?.ChainDigest;
}
