using System.Security.Cryptography;
using Mesh.Service.Storage;
using Mesh.Wire.Dare;
using Mesh.Wire.Objects;

namespace Mesh.Service.Encapsulation;

/// <summary>
/// Whether a device is connected to an account (docs/encapsulation.md, profile authentication): the latest entry of
/// the account's device catalog keyed by the device's UDF is not a deletion and holds a CatalogedDevice whose
/// ConnectionDevice names that device and is signed by a key of the account's Mesh profile.
/// Each answer is kept until the device catalog changes, and each device profile's signature check until the cache
/// is full, so a request authenticated by a signature pays for verifying its own signature only.
/// </summary>
public sealed class ConnectedDevices(ServiceStore store, string deviceCatalog, bool honourRemoval = true, bool checkAssertion = true)
{
    public const int CacheCapacity = 1 << 14;

    /// <summary>A connection as found in the catalog when it held <paramref name="Count"/> entries, the last being <paramref name="Last"/>.</summary>
    sealed record Found(int Count, DareEnvelope? Last, ConnectionDevice? Connection, string Reason);

    readonly BoundedCache<string, Found> connections = new(CacheCapacity, StringComparer.Ordinal);
    readonly BoundedCache<string, (ProfileDevice? Device, Verification Check)> profiles = new(CacheCapacity, StringComparer.Ordinal);

    public bool IsConnected(string account, string deviceUdf, ProfileMesh mesh, out string reason) =>
        Connection(account, deviceUdf, mesh, out reason) is not null;

    /// <summary>The device's connection assertion when it is connected (its accredited keys), else null and why.</summary>
    public ConnectionDevice? Connection(string account, string deviceUdf, ProfileMesh mesh, out string reason)
    {
        var entries = store.Entries(account, deviceCatalog);
        var last = entries.Count > 0 ? entries[^1] : null;
        // The catalog only grows while the account lives; a new account of the same name holds new entry objects.
        var key = $"{AccountNames.Canonical(account)}\n{deviceUdf}\n{string.Join(",", ProfileKeys.SignatureKeys(mesh).Select(k => k.UDF))}";
        var found = connections.GetOrAdd(key, _ => Find(entries, deviceUdf, mesh));
        if (found.Count != entries.Count || !ReferenceEquals(found.Last, last))
            connections.Set(key, found = Find(entries, deviceUdf, mesh));
        reason = found.Reason;
        return found.Connection;
    }

    /// <summary>A device profile opened and its signature checked (SignedObjects.OpenProfile), once per distinct envelope.</summary>
    public (ProfileDevice? Device, Verification Check) OpenProfile(DareEnvelope envelope) =>
        profiles.GetOrAdd(Convert.ToBase64String(SHA256.HashData(envelope.EncodeArray())), _ => SignedObjects.OpenProfile<ProfileDevice>(envelope));

    Found Find(IReadOnlyList<DareEnvelope> entries, string deviceUdf, ProfileMesh mesh)
    {
        var last = entries.Count > 0 ? entries[^1] : null;
        Found Refused(string reason) => new(entries.Count, last, null, reason);
        DareEnvelope? entry = null;
        for (var i = entries.Count - 1; i >= 0 && entry is null; i--)
            if (EnvelopeReader.TryMeta(entries[i]) is { } meta && meta.UniqueID == deviceUdf && (honourRemoval || meta.Event != "Delete")) entry = entries[i];
        if (entry is null) return Refused($"device {deviceUdf} has no entry in {deviceCatalog}");
        if (EnvelopeReader.TryMeta(entry)!.Event == "Delete") return Refused($"device {deviceUdf} was removed from {deviceCatalog}");
        CatalogedDevice cataloged;
        try { cataloged = EnvelopeReader.Payload<CatalogedDevice>(entry); }
        catch (Wire.Json.WireFormatException) { return Refused($"the {deviceCatalog} entry of {deviceUdf} is not a CatalogedDevice"); }
        if (cataloged.EnvelopedConnectionDevice is not { } envelope) return Refused($"device {deviceUdf} has no connection assertion");
        var signed = EnvelopeReader.VerifySignatures(envelope, ProfileKeys.Resolver(ProfileKeys.SignatureKeys(mesh)));
        if (!signed.IsValid && checkAssertion) return Refused($"the connection of {deviceUdf} is not signed by the account's Mesh profile: {signed.Reason}");
        var connection = EnvelopeReader.Payload<ConnectionDevice>(envelope);
        if (connection.SubjectUDF != deviceUdf) return Refused($"the connection in {deviceCatalog} is for another device");
        return new(entries.Count, last, connection, "");
    }
}
