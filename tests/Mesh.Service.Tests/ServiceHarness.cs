using Mesh.Client;
using Mesh.Client.Accounts;
using Mesh.Hosting;
using Mesh.Service;
using Mesh.Service.Storage;
using Mesh.Wire.Json;

namespace Mesh.Service.Tests;

/// <summary>How a test reaches the service.</summary>
public enum Transport
{
    /// <summary>Kestrel on 127.0.0.1, real sockets.</summary>
    Sockets,
    /// <summary>TestServer, the same pipeline without sockets.</summary>
    InProcess,
}

/// <summary>A running reference service and a client for it, torn down with the test.</summary>
public sealed class ServiceHarness : IAsyncDisposable
{
    ServiceHarness(MeshHost host, ServiceStore store, MeshClient client)
    {
        Host = host;
        Store = store;
        Client = client;
    }

    public MeshHost Host { get; }
    public ServiceStore Store { get; }
    public MeshClient Client { get; }
    public MeshService Service => Host.Service;
    public BinaryLayout Layout => Service.Options.Layout;
    public bool Reference => Service.Options.Profile == ProtocolProfile.Reference;

    public static async Task<ServiceHarness> StartAsync(ProtocolProfile profile = ProtocolProfile.Draft03, Transport transport = Transport.Sockets,
        ServiceStore? store = null, Func<ServiceOptions, ServiceOptions>? configure = null, MeshHostOptions? hostOptions = null)
    {
        var options = new ServiceOptions { Profile = profile };
        options = configure?.Invoke(options) ?? options;
        store ??= new MemoryStore();
        var service = new MeshService(options, store);
        var host = transport == Transport.Sockets
            ? await MeshHost.StartAsync(service, hostOptions ?? new MeshHostOptions())
            : await MeshHost.StartInProcessAsync(service, hostOptions);
        var uri = host.ServiceUri ?? new Uri("http://localhost/.well-known/mmm/");
        var client = new MeshClient(host.CreateHandler(), uri, new MeshClientOptions { Layout = options.Layout });
        return new ServiceHarness(host, store, client);
    }

    /// <summary>Creates an account for <paramref name="serviceId"/> with keys from <paramref name="seed"/>.</summary>
    public async Task<MeshAccountKeys> CreateAccountAsync(string serviceId, string? seed = null)
    {
        var keys = MeshAccountKeys.FromSeed(seed ?? serviceId);
        (await Client.CreateAccountAsync(keys.CreateRequest(serviceId, Layout))).Expect();
        return keys;
    }

    /// <summary>Everything the store holds, as text: compared before and after a refused request.</summary>
    public string Snapshot() => Store.Fingerprint();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
        Store.Dispose();
    }
}
