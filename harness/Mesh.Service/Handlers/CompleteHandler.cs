using Mesh.Service.Storage;
using Mesh.Wire.Dare;
using Mesh.Wire.Messages;

namespace Mesh.Service.Handlers;

/// <summary>
/// Complete (draft §8, A11), both shapes. With <c>ResponseID</c> (2020): the account's
/// Local spool entry whose ContentMeta.UniqueID is the ResponseID, as a CompleteResponse. With
/// <c>DeviceUDF</c> only (2019): the Mesh profile and the latest device-catalog entry keyed by the
/// device UDF, as a StatusResponse. Not there yet: 404 (reference 400); the device asks again later.
/// </summary>
public sealed class CompleteHandler(ServiceContext context) : TransactionHandler<CompleteRequest, Response>(context)
{
    protected override Response Handle(CompleteRequest request)
    {
        var accountId = Context.Reference ? request.Account ?? request.ServiceID : request.Account;
        var account = Context.RequireAccount(accountId);
        using var held = Context.Lock(account.ServiceID);
        if (request.ResponseID is { } responseId)
        {
            var found = (Context.Commits(Faults.ServiceFaults.CompleteIgnoresResponseId) ? Context.Store.Entries(account.ServiceID, Context.Names.Local).FirstOrDefault() : null)
                ?? Newest(account.ServiceID, Context.Names.Local, responseId)
                ?? throw MeshFailure.NotFound($"No response '{responseId}' is waiting in {Context.Names.Local} yet");
            return new CompleteResponse { SignedResponse = found };
        }
        if (request.DeviceUDF is { } deviceUdf)
        {
            var entry = Newest(account.ServiceID, Context.Names.Device, deviceUdf)
                ?? throw MeshFailure.NotFound($"Device '{deviceUdf}' has no entry in {Context.Names.Device} yet");
            return new StatusResponse { EnvelopedProfileMaster = account.SignedProfileMesh, EnvelopedCatalogEntryDevice = entry };
        }
        throw MeshFailure.BadRequest("Complete needs a ResponseID (2020 shape) or a DeviceUDF (2019 shape)");
    }

    DareEnvelope? Newest(string serviceId, string container, string uniqueId) =>
        Context.Store.Entries(serviceId, container).Reverse()
            .FirstOrDefault(e => EnvelopeReader.TryMeta(e)?.UniqueID is { } id && string.Equals(id, uniqueId, StringComparison.OrdinalIgnoreCase));
}
