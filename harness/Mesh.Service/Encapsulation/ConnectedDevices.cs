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
    public static bool IsConnected(ServiceStore store, string account, string deviceCatalog, string deviceUdf, ProfileMesh mesh, out string reason) =>
        Connection(store, account, deviceCatalog, deviceUdf, mesh, out reason) is not null;

    /// <summary>The device's connection assertion when it is connected (its accredited keys), else null and why.</summary>
    public static ConnectionDevice? Connection(ServiceStore store, string account, string deviceCatalog, string deviceUdf, ProfileMesh mesh, out string reason)
    {
        var entries = store.Entries(account, deviceCatalog);
        DareEnvelope? entry = null;
        for (var i = entries.Count - 1; i >= 0 && entry is null; i--)
            if (EnvelopeReader.TryMeta(entries[i])?.UniqueID == deviceUdf) entry = entries[i];
        reason = "";
        if (entry is null) { reason = $"device {deviceUdf} has no entry in {deviceCatalog}"; return null; }
        if (EnvelopeReader.TryMeta(entry)!.Event == "Delete") { reason = $"device {deviceUdf} was removed from {deviceCatalog}"; return null; }
        CatalogedDevice cataloged;
        try { cataloged = EnvelopeReader.Payload<CatalogedDevice>(entry); }
        catch (Wire.Json.WireFormatException) { reason = $"the {deviceCatalog} entry of {deviceUdf} is not a CatalogedDevice"; return null; }
        if (cataloged.EnvelopedConnectionDevice is not { } envelope) { reason = $"device {deviceUdf} has no connection assertion"; return null; }
        var signed = EnvelopeReader.VerifySignatures(envelope, ProfileKeys.Resolver(ProfileKeys.SignatureKeys(mesh)));
        if (!signed.IsValid) { reason = $"the connection of {deviceUdf} is not signed by the account's Mesh profile: {signed.Reason}"; return null; }
        var connection = EnvelopeReader.Payload<ConnectionDevice>(envelope);
        if (connection.SubjectUDF != deviceUdf) { reason = $"the connection in {deviceCatalog} is for another device"; return null; }
        return connection;
    }
}
