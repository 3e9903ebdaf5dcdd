using Mesh.Service.Storage;
using Mesh.Service.Variations;
using Mesh.Wire.Dare;
using Mesh.Wire.Messages;

namespace Mesh.Service.Handlers;

/// <summary>
/// Upload (draft §7.3, A14). draft-03: every envelope carries its ContainerInfo.Index,
/// consecutive, and the first is the container's entry count (0 creates the container); otherwise the
/// request is a conflict: nothing is stored, Status 409, entries of the stale container "Conflict" and
/// the others "Reject". Success returns one Accept per envelope. <c>Self</c> entries go to the account's
/// inbound spool. An envelope (in Updates or Self) whose trailer PayloadDigest is not the digest of its
/// payload is refused with 400 naming the container and position (<see cref="PayloadIntegrity"/>). The
/// reference profile appends blindly and returns no entries.
/// </summary>
public sealed class UploadHandler(ServiceContext context) : TransactionHandler<UploadRequest, UploadResponse>(context)
{
    public const string Accept = "Accept";
    public const string Reject = "Reject";
    public const string Conflict = "Conflict";

    protected override UploadResponse Handle(UploadRequest request)
    {
        var account = Context.RequireAccount(request);
        var updates = request.Updates ?? [];
        foreach (var update in updates)
        {
            if (!Context.Names.IsKnown(update.Container))
                throw MeshFailure.NotFound($"Container '{update.Container}' is not an account container of this service");
        }
        if (!Context.Reference) RequireIntegrity(request);
        if (Context.Options.Takes(ServiceVariations.EntrySignaturesChecked)) RequireSignatures(account, request);
        using var held = Context.Lock(account.ServiceID);
        return Context.Reference ? Blind(account.ServiceID, request) : Checked(account.ServiceID, request);
    }

    static void RequireIntegrity(UploadRequest request)
    {
        foreach (var update in request.Updates ?? [])
        {
            var envelopes = update.Envelopes ?? [];
            for (var i = 0; i < envelopes.Count; i++) PayloadIntegrity.Require(envelopes[i], $"Envelope {i} for '{update.Container}'");
        }
        var self = request.Self ?? [];
        for (var i = 0; i < self.Count; i++) PayloadIntegrity.Require(self[i], $"Self envelope {i} (for the inbound spool)");
    }

    /// <summary>
    /// The variation <see cref="ServiceVariations.EntrySignaturesChecked"/>: a trailer signature whose kid names a key of
    /// the account's Mesh profile must verify under it. Other signatures (a device's key, a key the service does not know)
    /// are not judged: verifying what it stores is not the service's duty (H83), this is a service being stricter.
    /// </summary>
    static void RequireSignatures(AccountRecord account, UploadRequest request)
    {
        var keys = ProfileKeys.Resolver(ProfileKeys.SignatureKeys(ServiceContext.MeshProfile(account)));
        foreach (var update in request.Updates ?? [])
        {
            var envelopes = update.Envelopes ?? [];
            for (var i = 0; i < envelopes.Count; i++)
            {
                var judged = envelopes[i].Trailer?.Signatures?.Where(s => s.KeyIdentifier is { } kid && keys(kid) is not null).ToList() ?? [];
                if (judged.Count == 0) continue;
                var view = new DareEnvelope { Header = envelopes[i].Header, Payload = envelopes[i].Payload, Trailer = new DareTrailer { Signatures = judged, PayloadDigest = envelopes[i].Trailer!.PayloadDigest } };
                if (EnvelopeReader.VerifySignatures(view, keys) is { IsValid: false } failed)
                    throw MeshFailure.BadRequest($"Envelope {i} for '{update.Container}' is signed under a key of the account's Mesh profile and the signature does not verify: {failed.Reason}");
            }
        }
    }

    /// <summary>The fault <see cref="Faults.ServiceFaults.EntrySignatureStripped"/>: the entries as stored, their trailers without signatures.</summary>
    static IReadOnlyList<DareEnvelope> Stripped(IReadOnlyList<DareEnvelope> entries) =>
        [.. entries.Select(e => e.Trailer?.Signatures is null ? e : new DareEnvelope { Header = e.Header, Payload = e.Payload, Trailer = new DareTrailer { PayloadDigest = e.Trailer.PayloadDigest } })];

    UploadResponse Checked(string serviceId, UploadRequest request)
    {
        var store = Context.Store;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var batch = new List<ContainerAppend>();
        var entries = new List<EntryResponse>();
        string? conflict = null;
        var position = 0;
        foreach (var update in request.Updates ?? [])
        {
            var name = update.Container!;
            var envelopes = update.Envelopes ?? [];
            if (!counts.TryGetValue(name, out var count)) count = store.Entries(serviceId, name).Count;
            if (envelopes.Count == 0) continue;
            for (var i = 0; i < envelopes.Count; i++)
            {
                if (envelopes[i].Header.ContainerInfo?.Index is not { } index)
                    throw MeshFailure.BadRequest($"Envelope {i} for '{name}' has no ContainerInfo.Index");
                if (index != envelopes[0].Header.ContainerInfo!.Index + i)
                    throw MeshFailure.BadRequest($"Envelope indexes for '{name}' are not consecutive: envelope {i} has index {index}");
            }
            var first = envelopes[0].Header.ContainerInfo!.Index!.Value;
            if (update.Index is { } declared && declared != first)
                throw MeshFailure.BadRequest($"ContainerUpdate.Index {declared} for '{name}' differs from its first envelope's index {first}");
            var stale = first != count && !Context.Commits(Faults.ServiceFaults.StaleIndexAccepted);
            if (stale)
            {
                conflict ??= count == 0
                    ? $"Container '{name}' does not exist: an upload that creates it starts at index 0, not {first}"
                    : first == 0 ? $"Container '{name}' already exists with {count} entries"
                    : $"Stale index for '{name}': the container has {count} entries, the upload starts at {first}";
            }
            foreach (var _ in envelopes)
            {
                entries.Add(new EntryResponse { IndexRequest = position++, IndexContainer = stale ? null : count, Result = stale ? Conflict : Accept });
                if (!stale) count++;
            }
            counts[name] = count;
            batch.Add(new ContainerAppend(name, envelopes));
        }
        var self = request.Self ?? [];
        if (conflict is not null)
        {
            foreach (var entry in entries.Where(e => e.Result == Accept)) (entry.Result, entry.IndexContainer) = (Reject, null);
            return new UploadResponse { Status = 409, StatusDescription = conflict, Entries = entries };
        }
        AppendSelf(serviceId, self, batch, entries, ref position);
        if (Context.Commits(Faults.ServiceFaults.EntryLostOnUpload) && batch.Count > 0)
            batch[^1] = batch[^1] with { Entries = batch[^1].Entries.SkipLast(1).ToList() };
        if (Context.Commits(Faults.ServiceFaults.EntrySignatureStripped))
            batch = [.. batch.Select(b => b with { Entries = Stripped(b.Entries) })];
        store.Append(serviceId, batch);
        return new UploadResponse { Entries = entries };
    }

    UploadResponse Blind(string serviceId, UploadRequest request)
    {
        var store = Context.Store;
        var batch = new List<ContainerAppend>();
        foreach (var update in request.Updates ?? [])
        {
            if (update.Envelopes is not { Count: > 0 } envelopes) continue;
            if (envelopes[0].Header.ContainerInfo is null) throw MeshFailure.BadRequest("Envelope has no ContainerInfo");
            if (envelopes[0].Header.ContainerInfo!.Index == 0 && store.ContainerExists(serviceId, update.Container!))
                throw MeshFailure.Conflict($"Container '{update.Container}' already exists");
            batch.Add(new ContainerAppend(update.Container!, envelopes));
        }
        var ignored = 0;
        AppendSelf(serviceId, request.Self ?? [], batch, [], ref ignored);
        store.Append(serviceId, batch);
        return new UploadResponse();
    }

    void AppendSelf(string serviceId, IReadOnlyList<DareEnvelope> self, List<ContainerAppend> batch, List<EntryResponse> entries, ref int position)
    {
        if (self.Count == 0) return;
        var inbound = Context.Names.Inbound;
        var next = Context.Store.Entries(serviceId, inbound).Count + batch.Where(b => b.Container == inbound).Sum(b => b.Entries.Count);
        var frames = new List<DareEnvelope>();
        foreach (var envelope in self)
        {
            frames.Add(Context.SpoolFrame(envelope, next));
            entries.Add(new EntryResponse { IndexRequest = position++, IndexContainer = next++, Result = Accept });
        }
        batch.Add(new ContainerAppend(inbound, frames));
    }
}
