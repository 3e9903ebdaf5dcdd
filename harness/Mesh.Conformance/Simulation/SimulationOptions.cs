namespace Mesh.Conformance.Simulation;

/// <summary>
/// What to simulate: a population (accounts, devices per account), how many scheduled steps, the seed every
/// choice comes from, the faults to inject at their rates, and the service to drive (the embedded reference
/// service with a memory or durable store, or a foreign service by URL).
/// </summary>
public sealed record SimulationOptions
{
    public int Accounts { get; init; } = 4;
    /// <summary>Devices of each account, the administrator device (the account holder) included.</summary>
    public int DevicesPerAccount { get; init; } = 3;
    public int Steps { get; init; } = 200;
    public int Seed { get; init; } = 1;
    public FaultPlan Faults { get; init; } = FaultPlan.None;
    /// <summary>A foreign service URL, or null for the embedded reference service.</summary>
    public Uri? Target { get; init; }
    /// <summary>The domain of a foreign service's accounts; null for the target's host name less a leading <c>mmm.</c>.</summary>
    public string? AccountDomain { get; init; }
    /// <summary>The DNS server that resolves a foreign service's host name (a target found by discovery); null for the system's resolver.</summary>
    [System.Text.Json.Serialization.JsonIgnore] // an address does not serialise; the report names the target instead
    public System.Net.IPEndPoint? Dns { get; init; }
    /// <summary>The only TLS certificate a foreign service may present (SHA-1 hash), or null for the system's trust.</summary>
    public string? Pin { get; init; }
    /// <summary>Null for the memory store; a folder for the durable file store (needed by the restart fault, which picks a temporary folder when none is given).</summary>
    public string? StoreFolder { get; init; }
    /// <summary>DARE message encapsulation (docs/encapsulation.md): the only way the service can tell which device is asking.</summary>
    public bool Encapsulation { get; init; } = true;
    /// <summary>Steps of different accounts run at once, up to this many.</summary>
    public int Concurrency { get; init; } = 8;
    /// <summary>A deliberate deviation of the embedded service (Faults/ServiceFaults), to see the invariants catch it.</summary>
    public string? ServiceFault { get; init; }
    /// <summary>Keep every step's outcome in the result (the trace); off for scale runs.</summary>
    public bool KeepOutcomes { get; init; } = true;
}
