using Mesh.Service.Storage;
using Mesh.Wire.Messages;

namespace Mesh.Service.Handlers;

/// <summary>
/// Status (draft §7.1): the account's Mesh profile and, per container, its entry count
/// (frames including frame 0, A16) and apex digest when known (A17). draft-03 reports the containers asked
/// for in Catalogs/Spools, else every existing one (A18); the reference reports its fixed list, creating
/// the missing containers as it did.
/// </summary>
public sealed class StatusHandler(ServiceContext context) : TransactionHandler<StatusRequest, StatusResponse>(context)
{
    protected override StatusResponse Handle(StatusRequest request)
    {
        var account = Context.RequireAccount(request);
        using var held = Context.Lock(account.ServiceID);
        var store = Context.Store;
        IEnumerable<string> names;
        if (Context.Reference)
        {
            var missing = Context.Names.ReferenceStatusList.Where(n => !store.ContainerExists(account.ServiceID, n))
                .Select(n => new ContainerAppend(n, [ServiceContext.HeaderFrame()])).ToList();
            if (missing.Count > 0) store.Append(account.ServiceID, missing);
            names = Context.Names.ReferenceStatusList;
        }
        else
        {
            var asked = Context.Options.Takes(Variations.ServiceVariations.StatusIgnoresSelection) ? []
                : (request.Catalogs ?? []).Concat(request.Spools ?? []).ToHashSet(StringComparer.Ordinal);
            names = Context.Names.All.Where(n => store.ContainerExists(account.ServiceID, n) && (asked.Count == 0 || asked.Contains(n)));
        }
        return new StatusResponse
        {
            EnvelopedProfileMaster = account.SignedProfileMesh,
            EnvelopedCatalogEntryDevice = Context.Options.Takes(Variations.ServiceVariations.StatusDeviceEntry) && request.DeviceUDF is { } device
                ? store.Entries(account.ServiceID, Context.Names.Device).LastOrDefault(e => Wire.Dare.EnvelopeReader.TryMeta(e)?.UniqueID == device)
                : null,
            ContainerStatus = names.Select(name =>
            {
                var entries = store.Entries(account.ServiceID, name);
                return new ContainerStatus
                {
                    Container = name,
                    Index = entries.Count,
                    Digest = Context.Reference ? null : ServiceContext.ApexDigest(entries),
                };
            }).ToList(),
        };
    }
}
