using System.Net;
using Mesh.Client;
using Mesh.Conformance.Simulation;
using Mesh.Conformance.Targets;
using Mesh.Service;
using Mesh.Wire.Dare;
using Mesh.Wire.Messages;
using Mesh.Wire.Protocol;

namespace Mesh.Conformance.Drivers;

/// <summary>
/// What a scenario judges, seen from the suite: how to start or reach it, which accounts a scenario gets, how to read
/// its state, and what it cannot show. <see cref="EmbeddedTarget"/> is the reference service the suite starts with its
/// DNS zone; <see cref="WireTarget"/> is a service somebody else runs, judged by the wire alone. Drivers and steps ask
/// the target; a question a kind of target cannot answer comes back as not applicable (or unsupported), saying why.
/// </summary>
public abstract class ScenarioTarget(ServiceTargetDriver scenario) : IAsyncDisposable
{
    /// <summary>The scenario's driver: profile, announced domain, scenario key, the trace and the exceptions that skip.</summary>
    protected ServiceTargetDriver Scenario { get; } = scenario;

    /// <summary>The seed of the scenario's randomness and the name of its accounts: profile and scenario key.</summary>
    protected string ScenarioName => $"{Scenario.Profile.Name()}/{Scenario.Scenario?.Key}";

    /// <summary>The profile's default settings: what a service is assumed to run unless the scenario says otherwise.</summary>
    protected ServiceOptions ProfileDefaults => new() { Profile = Scenario.Profile };

    /// <summary>Starts (or checks the target can play) a service in the scenario's profile, configured as the scenario needs.</summary>
    public abstract Task StartAsync(Func<ServiceOptions, ServiceOptions>? configure, bool tls);

    /// <summary>
    /// The scenario's main client: found through DNS for <paramref name="serviceId"/> (null: the announced domain), with
    /// the discovery it made where there was one.
    /// </summary>
    public abstract Task<(MeshClient Client, DiscoveredClient? Discovered)> ConnectAsync(string? serviceId, MeshClientOptions options);

    /// <summary>A further client (an actor's own), reaching the service the way the main client does.</summary>
    public abstract Task<MeshClient> NewClientAsync(MeshClientOptions options);

    /// <summary>The account an address of the feature text stands for in this scenario.</summary>
    public abstract string Account(string address);

    /// <summary>The entries of a container, read as the target allows (<paramref name="reader"/>: a client the account's holder would use).</summary>
    public abstract Task<IReadOnlyList<DareEnvelope>> EntriesAsync(string account, string container, Func<Task<MeshClient>> reader);

    /// <summary>How many entries a container holds.</summary>
    public abstract Task<int> EntryCountAsync(string account, string container, Func<Task<MeshClient>> reader);

    /// <summary>What the service holds, as text to compare before and after a refused request.</summary>
    public abstract Task<string> StateAsync(IReadOnlyCollection<string> accounts, Func<string, Task<MeshClient>> readerOf);

    /// <summary>The addresses of a host of the service, as its clients reach it.</summary>
    public abstract Task<IPAddress[]> ResolveAsync(string host);

    /// <summary>Where the service's discovery records are published, to judge what they announce.</summary>
    public abstract PublishedDomain Published { get; }

    /// <summary>The content types the service accepts.</summary>
    public abstract Task<IReadOnlySet<string>> OfferedEncodingsAsync();

    /// <summary>The container names the service uses.</summary>
    public abstract ContainerNames Containers { get; }

    /// <summary>The embedded reference service itself (its DNS zone, keys, settings), where there is one.</summary>
    public abstract EmbeddedService Service { get; }

    /// <summary>Moves the service's clock on (ticket lifetimes, the replay window).</summary>
    public abstract Task PassTimeAsync(TimeSpan span);

    /// <summary>
    /// Whether the service's bytes are the suite's own, seeded and clocked, so that recorded vectors pin them; otherwise
    /// the answers are held to the structure the draft gives them.
    /// </summary>
    public abstract bool BytesAreSeeded { get; }

    /// <summary>What a precondition that does not hold here means: a scenario written wrong, or a case the target is not.</summary>
    public abstract Exception PreconditionFails(string reason);

    /// <summary>The simulation options aimed at this service.</summary>
    public abstract Task<SimulationOptions> AimAsync(SimulationOptions options);

    /// <summary>Asks for DARE encapsulation in a simulation, where the target can be asked for it.</summary>
    public abstract SimulationOptions WithEncapsulation(SimulationOptions options);

    public abstract ValueTask DisposeAsync();
}
