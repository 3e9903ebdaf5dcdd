using Mesh.Wire.Crypto;
using Mesh.Wire.Dare;
using Mesh.Wire.Json;
using Mesh.Wire.Messages;
using Mesh.Wire.Model;
using Mesh.Wire.Objects;

namespace Mesh.Client.Accounts;

/// <summary>
/// An account holder's keys, from a seed, and what the administrator device builds with them: the Mesh
/// profile (signed by its offline key), the account assertion (signed by the first online key, as in the
/// recorded CreateAccount), the CreateAccount request, and device-catalog entries accepting a device.
/// </summary>
public sealed class MeshAccountKeys
{
    MeshAccountKeys(string seed)
    {
        MeshOffline = SeededKeys.Derive(seed, "mesh/offline", Curve.Ed448);
        MeshOnline = SeededKeys.Derive(seed, "mesh/online", Curve.Ed448);
        MeshEncryption = SeededKeys.Derive(seed, "mesh/encryption", Curve.X448);
        AccountOffline = SeededKeys.Derive(seed, "account/offline", Curve.Ed448);
        AccountEncryption = SeededKeys.Derive(seed, "account/encryption", Curve.X448);
        ProfileMesh = new ProfileMesh
        {
            KeyOfflineSignature = MeshOffline.ToPublicKey(),
            KeysOnlineSignature = [MeshOnline.ToPublicKey()],
            KeyEncryption = MeshEncryption.ToPublicKey(),
        };
    }

    public static MeshAccountKeys FromSeed(string seed) => new(seed);

    public KeyPair MeshOffline { get; }
    public KeyPair MeshOnline { get; }
    public KeyPair MeshEncryption { get; }
    public KeyPair AccountOffline { get; }
    public KeyPair AccountEncryption { get; }
    public ProfileMesh ProfileMesh { get; }
    /// <summary>The Mesh profile's UDF: its offline key's.</summary>
    public string MeshUdf => MeshOffline.Udf;

    public DareEnvelope SignedProfileMesh(BinaryLayout layout) => SignedObjects.Sign(ProfileMesh, MeshOffline, layout);

    public ProfileAccount ProfileAccount(string serviceId) => new()
    {
        KeyOfflineSignature = AccountOffline.ToPublicKey(),
        KeysOnlineSignature = [MeshOnline.ToPublicKey()],
        ServiceIDs = [serviceId],
        MeshProfileUDF = MeshUdf,
        KeyEncryption = AccountEncryption.ToPublicKey(),
    };

    public DareEnvelope SignedAssertionAccount(string serviceId, BinaryLayout layout) =>
        SignedObjects.Sign(ProfileAccount(serviceId), MeshOnline, layout);

    /// <param name="serviceId">The account to create.</param>
    /// <param name="layout">How binary values are written.</param>
    /// <param name="signMeshProfile">False sends the Mesh profile in an unsigned envelope, as the author's client did (A21).</param>
    public CreateRequest CreateRequest(string serviceId, BinaryLayout layout, bool signMeshProfile = true) => new()
    {
        ServiceID = serviceId,
        SignedProfileMesh = signMeshProfile ? SignedProfileMesh(layout) : SignedObjects.Plain(ProfileMesh, layout),
        SignedAssertionAccount = SignedAssertionAccount(serviceId, layout),
    };

    /// <summary>
    /// The device-catalog entry that connects a device (admin side): the device's profile,
    /// and a ConnectionDevice signed by the Mesh online key, as entry <paramref name="index"/> of the catalog,
    /// keyed by the device UDF (ContentMeta.UniqueID, Event New).
    /// </summary>
    public DareEnvelope DeviceCatalogEntry(DareEnvelope enveloped, int index, BinaryLayout layout)
    {
        var device = EnvelopeReader.Payload<ProfileDevice>(enveloped);
        var deviceUdf = ProfileKeys.Udf(device)!;
        var connection = new ConnectionDevice
        {
            SubjectUDF = deviceUdf,
            AuthorityUDF = MeshUdf,
            KeySignature = device.KeyOfflineSignature,
            KeyEncryption = device.KeyEncryption,
            KeyAuthentication = device.KeyAuthentication,
        };
        var cataloged = new CatalogedDevice
        {
            UDF = deviceUdf,
            EnvelopedProfileMesh = SignedProfileMesh(layout),
            DeviceUDF = deviceUdf,
            EnvelopedProfileDevice = enveloped,
            EnvelopedConnectionDevice = SignedObjects.Sign(connection, MeshOnline, layout),
        };
        return CatalogEntry(cataloged, deviceUdf, index, layout);
    }

    /// <summary>
    /// The administrator's acceptance of a connecting device (admin side), as one Upload: the
    /// device's catalog entry, and a RespondConnection (Accept) in the local spool keyed by the ResponseID the
    /// device computes from the acknowledgement's MessageID.
    /// </summary>
    public DeviceAcceptance AcceptDevice(string account, DareEnvelope deviceProfile, string acknowledgementId,
        (string Name, int Next) deviceCatalog, (string Name, int Next) localSpool, BinaryLayout layout)
    {
        var responseId = Message.ResponseIdFor(acknowledgementId);
        var entry = DeviceCatalogEntry(deviceProfile, deviceCatalog.Next, layout);
        var answer = Answer(responseId, "Accept", localSpool.Next, layout);
        var upload = new UploadRequest
        {
            Account = account,
            Updates = [new() { Container = deviceCatalog.Name, Envelopes = [entry] }, new() { Container = localSpool.Name, Envelopes = [answer] }],
        };
        return new DeviceAcceptance(upload, answer, responseId);
    }

    /// <summary>The administrator's refusal of a connecting device: a RespondConnection (Reject) in the local spool, no catalog entry.</summary>
    public DeviceAcceptance RejectDevice(string account, string acknowledgementId, (string Name, int Next) localSpool, BinaryLayout layout)
    {
        var responseId = Message.ResponseIdFor(acknowledgementId);
        var answer = Answer(responseId, "Reject", localSpool.Next, layout);
        return new DeviceAcceptance(new UploadRequest { Account = account, Updates = [new() { Container = localSpool.Name, Envelopes = [answer] }] }, answer, responseId);
    }

    // The answer the connecting device collects with Complete, keyed by the ResponseID it computes (A11).
    DareEnvelope Answer(string responseId, string result, int index, BinaryLayout layout)
    {
        var answer = SignedObjects.Sign(new RespondConnection { MessageID = responseId, Result = result }, MeshOnline, layout,
            new ContentMeta { UniqueID = responseId, MessageType = nameof(RespondConnection) });
        answer.Header.ContainerInfo = new ContainerInfo { Index = index };
        return answer;
    }

    /// <summary>A catalog record as an entry: the tagged record, ContentMeta {UniqueID, Event New}, ContainerInfo {Index}.</summary>
    public static DareEnvelope CatalogEntry(WireRecord record, string key, int index, BinaryLayout layout) =>
        ContainerEntries.Entry(WireSerializer.Encode(record, WireEncoding.Json, layout), key, index);
}

/// <summary>The Upload that accepts a device, the answer it leaves for the device, and the ResponseID that finds it.</summary>
public sealed record DeviceAcceptance(UploadRequest Upload, DareEnvelope Answer, string ResponseId);
