using Mesh.Service.Storage;
using Mesh.Wire.Dare;
using Mesh.Wire.Objects;

namespace Mesh.Service.Encapsulation;

/// <summary>
/// Whether a device is connected to an account (docs/encapsulation.md, profile authentication): the latest entry of
/// the account's device catalog keyed by the device's UDF is not a deletion and holds a CatalogedDevice whose
/// ConnectionDevice names that device and is signed by a key of the account's Mesh profile.
/// </summary>
public static class ConnectedDevices
{
    public static bool IsConnected(ServiceStore store, string account, string deviceCatalog, string deviceUdf, ProfileMesh mesh, out string reason)
    {
        var entries = store.Entries(account, deviceCatalog);
        DareEnvelope? entry = null;
        for (var i = entries.Count - 1; i >= 0 && entry is null; i--)
            if (EnvelopeReader.TryMeta(entries[i])?.UniqueID == deviceUdf) entry = entries[i];
        reason = "";
        if (entry is null) { reason = $"device {deviceUdf} has no entry in {deviceCatalog}"; return false; }
        if (EnvelopeReader.TryMeta(entry)!.Event == "Delete") { reason = $"device {deviceUdf} was removed from {deviceCatalog}"; return false; }
        CatalogedDevice cataloged;
        try { cataloged = EnvelopeReader.Payload<CatalogedDevice>(entry); }
        catch (Wire.Json.WireFormatException) { reason = $"the {deviceCatalog} entry of {deviceUdf} is not a CatalogedDevice"; return false; }
        if (cataloged.EnvelopedConnectionDevice is not { } connection) { reason = $"device {deviceUdf} has no connection assertion"; return false; }
        var signed = EnvelopeReader.VerifySignatures(connection, ProfileKeys.Resolver(ProfileKeys.SignatureKeys(mesh)));
        if (!signed.IsValid) { reason = $"the connection of {deviceUdf} is not signed by the account's Mesh profile: {signed.Reason}"; return false; }
        if (EnvelopeReader.Payload<ConnectionDevice>(connection).SubjectUDF != deviceUdf) { reason = $"the connection in {deviceCatalog} is for another device"; return false; }
        return true;
    }
}
