using System.Security.Cryptography;
using Mesh.Service.Storage;
using Mesh.Wire.Dare;
using Mesh.Wire.Fingerprints;
using Mesh.Wire.Messages;
using Mesh.Wire.Objects;

namespace Mesh.Service.Handlers;

/// <summary>
/// Connect (draft §8): a device's signed RequestConnection for an account. The service
/// answers with an AcknowledgeConnection carrying its nonce and the witness both devices show, stores it
/// in the account's inbound spool (UniqueID = MessageID, MessageType AcknowledgeConnection: A35), and
/// returns the account's Mesh profile and assertion. draft-03 verifies that the device profile is signed
/// by its offline key and the request by a key of that profile, and signs the acknowledgement with the
/// host key; the reference verified nothing and signed nothing.
/// </summary>
public sealed class ConnectHandler(ServiceContext context) : TransactionHandler<ConnectRequest, ConnectResponse>(context)
{
    protected override ConnectResponse Handle(ConnectRequest request)
    {
        var signed = request.MessageConnectionRequestClient ?? throw MeshFailure.BadRequest("MessageConnectionRequestClient is required");
        RequestConnection connection;
        try { connection = EnvelopeReader.Payload<RequestConnection>(signed); }
        catch (Wire.Json.WireFormatException e) { throw MeshFailure.BadRequest($"MessageConnectionRequestClient does not hold a RequestConnection: {e.Reason}"); }
        if (string.IsNullOrEmpty(connection.ServiceID)) throw MeshFailure.BadRequest("RequestConnection.ServiceID is required");
        if (connection.EnvelopedProfileDevice is null) throw MeshFailure.BadRequest("RequestConnection.EnvelopedProfileDevice is required");
        if (connection.ClientNonce is null) throw MeshFailure.BadRequest("RequestConnection.ClientNonce is required");
        var (device, deviceCheck) = SignedObjects.OpenProfile<ProfileDevice>(connection.EnvelopedProfileDevice);
        if (device is null) throw MeshFailure.BadRequest($"EnvelopedProfileDevice: {deviceCheck.Reason}");
        if (!Context.Reference && !Context.Options.Takes(Variations.ServiceVariations.UncheckedConnectSignature))
        {
            if (!deviceCheck.IsValid) throw MeshFailure.Unauthorized($"EnvelopedProfileDevice: {deviceCheck.Reason}");
            var keys = ProfileKeys.SignatureKeys(device).Append(device.KeyAuthentication).OfType<PublicKey>();
            var requestCheck = EnvelopeReader.VerifySignatures(signed, ProfileKeys.Resolver(keys));
            if (!requestCheck.IsValid) throw MeshFailure.Unauthorized($"MessageConnectionRequestClient is not signed by the device: {requestCheck.Reason}");
        }
        var account = Context.Store.FindAccount(connection.ServiceID)
            ?? throw MeshFailure.NotFound($"Account '{connection.ServiceID}' is not known to this service");

        using var held = Context.Lock(account.ServiceID);
        var serverNonce = Context.Options.Random.GetBytes(16);
        var meshKey = Witness.Fingerprint(ServiceContext.MeshProfile(account)) ?? throw MeshFailure.BadRequest("The account's Mesh profile has no offline signature key");
        var deviceKey = Witness.Fingerprint(device) ?? throw MeshFailure.BadRequest("The device profile has no offline signature key");
        var acknowledge = new AcknowledgeConnection
        {
            MessageID = Udf.Nonce(Context.Options.Random),
            EnvelopedRequestConnection = signed,
            ServerNonce = serverNonce,
            Witness = Context.Commits(Faults.ServiceFaults.WrongWitness)
                ? Witness.Compute(meshKey, connection.ClientNonce, deviceKey, serverNonce)
                : Witness.Compute(meshKey, serverNonce, deviceKey, connection.ClientNonce),
        };
        var meta = new ContentMeta { UniqueID = acknowledge.MessageID, MessageType = nameof(AcknowledgeConnection) };
        var envelope = Context.Reference
            ? SignedObjects.Plain(acknowledge, Context.Options.Layout, meta)
            : SignedObjects.Sign(acknowledge, Context.Identity.HostSignature, Context.Options.Layout, meta);
        var inbound = Context.Names.Inbound;
        var index = Context.Store.Entries(account.ServiceID, inbound).Count;
        if (!Context.Commits(Faults.ServiceFaults.AcknowledgementNotSpooled))
            Context.Store.Append(account.ServiceID, [new ContainerAppend(inbound, [Context.SpoolFrame(envelope, index)])]);
        return new ConnectResponse
        {
            EnvelopedConnectionResponse = envelope,
            EnvelopedProfileMaster = account.SignedProfileMesh,
            EnvelopedAccountAssertion = account.SignedAssertionAccount,
        };
    }
}

/// <summary>
/// The connection witness (draft §8.1, A33), as the author's service computes it (MakeWitnessString):
/// SHA-512(SHA-512(F_mesh ‖ ServerNonce) ‖ SHA-512(F_device ‖ ClientNonce)) presented as dashed Base32 at 140 bits,
/// where F is the 512-bit binary UDF (64 bytes: type byte and 63 digest bytes) of the profile's offline signature key.
/// </summary>
public static class Witness
{
    /// <summary>The binary fingerprint the witness hashes: the key's UDF at 512 bits.</summary>
    public const int FingerprintBytes = 64;

    public static string Compute(byte[] meshFingerprint, byte[] serverNonce, byte[] deviceFingerprint, byte[] clientNonce)
    {
        var first = SHA512.HashData([.. meshFingerprint, .. serverNonce]);
        var second = SHA512.HashData([.. deviceFingerprint, .. clientNonce]);
        return Udf.Present(SHA512.HashData([.. first, .. second]));
    }

    /// <summary>The 512-bit binary UDF of a profile's offline signature key, or null when it has none.</summary>
    public static byte[]? Fingerprint(Profile profile) =>
        profile.KeyOfflineSignature?.PublicParameters is PublicKeyECDH { Public: { } raw } p && Wire.Crypto.Curves.TryParse(p.Curve, out var curve)
            ? Udf.ContentDigestBinary(Wire.Crypto.KeyInfo.Encode(curve, raw), Wire.Crypto.KeyInfo.ContentType)[..FingerprintBytes]
            : null;
}
