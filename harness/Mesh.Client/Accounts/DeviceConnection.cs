using Mesh.Wire.Dare;
using Mesh.Wire.Json;
using Mesh.Wire.Messages;
using Mesh.Wire.Objects;

namespace Mesh.Client.Accounts;

/// <summary>
/// A device's connection to an account (draft §8), as the three requests it takes: the device's Connect, the
/// administrator's acceptance uploaded to the account's device catalog and local spool, and the device's Complete.
/// Built here once; each caller sends them its own way (the scenario steps judge every answer, the simulator
/// retries under its faults). In the PIN-authenticated mode (draft §8.2) the request carries the PIN identifier.
/// </summary>
public sealed class DeviceConnection(MeshDeviceKeys device, string account, BinaryLayout layout, string? pinUdf = null)
{
    public ConnectRequest Connect() => device.ConnectRequest(account, device.ClientNonce, layout, pinUdf);

    /// <summary>The MessageID the service gave the connection request, from its AcknowledgeConnection; null when it gave none.</summary>
    public static string? MessageIdOf(DareEnvelope acknowledgement) => EnvelopeReader.Payload<AcknowledgeConnection>(acknowledgement).MessageID;

    /// <summary>The administrator's acceptance of the request acknowledged as <paramref name="messageId"/>, at the next index of each container.</summary>
    public DeviceAcceptance Accept(MeshAccountKeys administrator, string messageId, (string Name, int Next) deviceCatalog, (string Name, int Next) localSpool) =>
        administrator.AcceptDevice(account, device.EnvelopedProfileDevice(layout), messageId, deviceCatalog, localSpool, layout);

    public CompleteRequest Complete(DeviceAcceptance acceptance) => new() { Account = account, ResponseID = acceptance.ResponseId };
}
