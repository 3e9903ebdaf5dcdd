using Mesh.Service.Storage;
using Mesh.Wire.Dare;
using Mesh.Wire.Messages;

namespace Mesh.Service.Handlers;

/// <summary>
/// Download (draft §7.2): per selection, the entries with IndexMin ≤ index ≤ IndexMax,
/// at most MaxEntries of them, exactly as stored. draft-03 refuses an unknown or absent container (404);
/// the reference creates it and ignores IndexMax and MaxEntries.
/// </summary>
public sealed class DownloadHandler(ServiceContext context) : TransactionHandler<DownloadRequest, DownloadResponse>(context)
{
    protected override DownloadResponse Handle(DownloadRequest request)
    {
        var account = Context.RequireAccount(request);
        if (request.Select is not { Count: > 0 } selections) throw MeshFailure.BadRequest("Select is required: at least one container selection");
        using var held = Context.Lock(account.ServiceID);
        var store = Context.Store;
        foreach (var select in selections)
        {
            if (!Context.Names.IsKnown(select.Container))
                throw MeshFailure.NotFound($"Container '{select.Container}' is not an account container of this service");
            if (select.IndexMin < 0 || select.IndexMax < select.IndexMin)
                throw MeshFailure.BadRequest($"Selection on '{select.Container}' has an empty or negative index range");
            if (!store.ContainerExists(account.ServiceID, select.Container!))
            {
                if (!Context.Reference) throw MeshFailure.NotFound($"Container '{select.Container}' does not exist for account '{account.ServiceID}'");
                store.Append(account.ServiceID, [new ContainerAppend(select.Container!, [ServiceContext.HeaderFrame()])]);
            }
        }
        var maxEntries = Context.Reference || Context.Options.Takes(Variations.ServiceVariations.DownloadIgnoresMaxEntries) ? null : request.ConstraintsPost?.MaxEntries;
        return new DownloadResponse
        {
            Updates = selections.Select(select =>
            {
                var entries = store.Entries(account.ServiceID, select.Container!);
                var from = Context.Commits(Faults.ServiceFaults.DownloadIgnoresIndexMin) ? 0 : select.IndexMin ?? 0;
                var to = Context.Reference || Context.Commits(Faults.ServiceFaults.DownloadIgnoresIndexMax)
                    ? entries.Count - 1 : Math.Min(select.IndexMax ?? int.MaxValue, entries.Count - 1);
                var count = Math.Max(0, to - from + 1);
                if (maxEntries is { } max) count = Math.Max(0, Math.Min(count, max));
                // By index: the cost is the entries sent, not the entries before them (the store's view is not an IList).
                var chosen = new List<DareEnvelope>(count);
                for (var i = from; i < from + count; i++) chosen.Add(entries[i]);
                return new ContainerUpdate
                {
                    Container = select.Container,
                    Index = Context.Reference ? null : entries.Count,
                    Envelopes = chosen,
                };
            }).ToList(),
        };
    }
}
