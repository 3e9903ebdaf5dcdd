using Mesh.Conformance.Targets;
using Mesh.Service;
using Mesh.Service.Storage;

namespace Mesh.Conformance.Simulation;

/// <summary>
/// The service a simulation drives: how the devices reach it, whose accounts it holds, and which faults and steps it
/// lets the simulator play. <see cref="For"/> picks the embedded reference service or the foreign one of the options.
/// </summary>
abstract class SimulatedService : IAsyncDisposable
{
    public static SimulatedService For(SimulationOptions options) =>
        options.Target is { } url ? new ForeignSimulatedService(url, options) : new EmbeddedSimulatedService(options);

    /// <summary>Starts (or reaches) the service; the network the devices use to find and call it.</summary>
    public abstract Task<SimNetwork> StartAsync(ManualClock clock);

    /// <summary>The service's URL where devices are given it, or null where each finds it through DNS.</summary>
    public abstract Uri? Url { get; }

    /// <summary>The domain of the simulated accounts.</summary>
    public abstract string AccountDomain { get; }

    /// <summary>Put before each account name: a service that keeps what earlier runs left needs names of this run's own.</summary>
    public abstract string AccountPrefix { get; }

    /// <summary>In words, for the report.</summary>
    public abstract string Name { get; }

    /// <summary>Why a fault cannot be played on this service, or null.</summary>
    public abstract string? NotApplicable(string fault);

    /// <summary>Restarts the service on its durable store; false where the simulator cannot.</summary>
    public abstract Task<bool> RestartAsync();

    /// <summary>The store the service keeps, where the simulator can read it (for the memory figures of a scale run).</summary>
    public abstract ServiceStore? Store { get; }

    public abstract ValueTask DisposeAsync();
}

/// <summary>The reference service on loopback with its DNS zone, on a memory or file store, with the service fault asked for.</summary>
sealed class EmbeddedSimulatedService : SimulatedService
{
    readonly SimulationOptions options;
    // The restart fault needs a durable store: a temporary one when none is given.
    readonly string? temporaryStore;
    EmbeddedService? service;

    public EmbeddedSimulatedService(SimulationOptions options)
    {
        this.options = options;
        if (options.StoreFolder is null && options.Faults.IsOn(SimFaults.Restart))
            temporaryStore = Directory.CreateTempSubdirectory("mesh-sim-").FullName;
    }

    EmbeddedService Service => service ?? throw new InvalidOperationException("the service is not started");

    public override async Task<SimNetwork> StartAsync(ManualClock clock)
    {
        service = await EmbeddedService.StartAsync(new EmbeddedServiceOptions
        {
            Service = new ServiceOptions
            {
                DareEncapsulation = options.Encapsulation,
                Clock = clock,
                Random = new RequestKeyedRandom($"simulation/{options.Seed}"),
                Fault = options.ServiceFault,
            },
            StoreFolder = options.StoreFolder ?? temporaryStore,
        });
        return new SimNetwork(service.Dns, service.Domain);
    }

    public override Uri? Url => null;
    public override string AccountDomain => Service.Domain;
    public override string AccountPrefix => "";

    public override string Name
    {
        get
        {
            var store = options.StoreFolder ?? temporaryStore;
            return "embedded, " + (store is null ? "memory store" : "file store " + store) + (options.ServiceFault is { } fault ? ", fault " + fault : "");
        }
    }

    public override string? NotApplicable(string fault) => null;

    public override ServiceStore? Store => Service.Store;

    public override async Task<bool> RestartAsync()
    {
        await Service.RestartAsync();
        return true;
    }

    public override async ValueTask DisposeAsync()
    {
        if (service is not null) await service.DisposeAsync();
        if (temporaryStore is not null)
        {
            try { Directory.Delete(temporaryStore, recursive: true); }
            catch (IOException) { }
        }
    }
}

/// <summary>A service somebody else runs, at its URL: it cannot be restarted, and its DNS is not the simulator's to slow or fail.</summary>
sealed class ForeignSimulatedService(Uri url, SimulationOptions options) : SimulatedService
{
    readonly string prefix = $"sim{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}-";

    public override Task<SimNetwork> StartAsync(ManualClock clock) => Task.FromResult(new SimNetwork(null, url.Host, options.Dns, options.Pin));

    public override Uri? Url => url;

    /// <summary>As given, else the URL's host less a leading <c>mmm.</c>.</summary>
    public override string AccountDomain => options.AccountDomain
        ?? (url.Host.StartsWith("mmm.", StringComparison.OrdinalIgnoreCase) ? url.Host[4..] : url.Host);

    public override string AccountPrefix => prefix;
    public override string Name => url.ToString();

    public override string? NotApplicable(string fault) => fault switch
    {
        SimFaults.Restart or SimFaults.SlowDns or SimFaults.DnsFailure => "needs the embedded service and its DNS server",
        _ => null,
    };

    public override Task<bool> RestartAsync() => Task.FromResult(false);

    public override ServiceStore? Store => null;

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
