using Mesh.Client.Accounts;

namespace Mesh.Conformance.Drivers;

/// <summary>
/// The people and devices of a scenario, by the names the Gherkin uses: "alice" holds the keys of seed
/// "alice", her account is alice@example.com; "alice's phone" is a device of seed "alice's phone".
/// </summary>
public sealed class ActorsDriver
{
    readonly Dictionary<string, MeshAccountKeys> accounts = new(StringComparer.OrdinalIgnoreCase);
    readonly Dictionary<string, MeshDeviceKeys> devices = new(StringComparer.OrdinalIgnoreCase);

    public MeshAccountKeys Account(string holder) =>
        accounts.TryGetValue(holder, out var keys) ? keys : accounts[holder] = MeshAccountKeys.FromSeed(holder);

    public MeshDeviceKeys Device(string name) =>
        devices.TryGetValue(name, out var keys) ? keys : devices[name] = MeshDeviceKeys.FromSeed(name);

    /// <summary>The connection of <paramref name="device"/> to <paramref name="account"/>.</summary>
    public DeviceConnection Connection(string device, string account, Mesh.Wire.Json.BinaryLayout layout, string? pinUdf = null) => new(Device(device), account, layout, pinUdf);

    /// <summary>The account address of a holder name, or the name itself when it is already an address.</summary>
    public static string AddressOf(string holderOrAddress) =>
        holderOrAddress.Contains('@') ? holderOrAddress : $"{holderOrAddress.ToLowerInvariant()}@example.com";
}
