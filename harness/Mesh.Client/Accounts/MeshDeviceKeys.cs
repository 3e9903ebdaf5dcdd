using System.Security.Cryptography;
using System.Text;
using Mesh.Wire.Crypto;
using Mesh.Wire.Dare;
using Mesh.Wire.Json;
using Mesh.Wire.Messages;
using Mesh.Wire.Objects;

namespace Mesh.Client.Accounts;

/// <summary>
/// A device's keys, from a seed, its signed profile, and its connection request: a RequestConnection
/// signed by the device's authentication key, as the reference signs it (draft).
/// </summary>
public sealed class MeshDeviceKeys
{
    MeshDeviceKeys(string seed)
    {
        ClientNonce = SHA256.HashData(Encoding.UTF8.GetBytes(seed))[..16];
        Offline = SeededKeys.Derive(seed, "device/offline", Curve.Ed448);
        Authentication = SeededKeys.Derive(seed, "device/authentication", Curve.Ed448);
        Encryption = SeededKeys.Derive(seed, "device/encryption", Curve.X448);
        ProfileDevice = new ProfileDevice
        {
            KeyOfflineSignature = Offline.ToPublicKey(),
            KeyEncryption = Encryption.ToPublicKey(),
            KeyAuthentication = Authentication.ToPublicKey(),
        };
    }

    public static MeshDeviceKeys FromSeed(string seed) => new(seed);

    public KeyPair Offline { get; }
    public KeyPair Authentication { get; }
    public KeyPair Encryption { get; }
    public ProfileDevice ProfileDevice { get; }
    public string DeviceUdf => Offline.Udf;
    /// <summary>The nonce the device sends in its connection requests: from its seed, so that every run sends the same.</summary>
    public byte[] ClientNonce { get; }

    public DareEnvelope EnvelopedProfileDevice(BinaryLayout layout) => SignedObjects.Sign(ProfileDevice, Offline, layout);

    /// <summary>The connection request; <paramref name="pinUdf"/> is the PIN identifier of the PIN-authenticated mode (draft §8.2), opaque to the service.</summary>
    public RequestConnection RequestConnection(string serviceId, byte[] clientNonce, BinaryLayout layout, string? pinUdf = null) => new()
    {
        ServiceID = serviceId,
        EnvelopedProfileDevice = EnvelopedProfileDevice(layout),
        ClientNonce = clientNonce,
        PinUDF = pinUdf,
    };

    public ConnectRequest ConnectRequest(string serviceId, byte[] clientNonce, BinaryLayout layout, string? pinUdf = null) => new()
    {
        MessageConnectionRequestClient = SignedObjects.Sign(RequestConnection(serviceId, clientNonce, layout, pinUdf), Authentication, layout),
    };
}
