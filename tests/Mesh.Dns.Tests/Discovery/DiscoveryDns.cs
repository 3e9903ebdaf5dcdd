using Mesh.Dns.Discovery;

namespace Mesh.Dns.Tests.Discovery;

/// <summary>A mock server for a zone and a locator that asks it: the arrangement every discovery test starts from.</summary>
sealed class DiscoveryDns : IAsyncDisposable
{
    public DiscoveryDns(DnsZone zone, DiscoveryOptions? options = null, int seed = 1, TimeSpan? timeout = null)
    {
        Server = MockDnsServer.Start(zone);
        Locator = new ServiceLocator(ResolverFactory.Create(Server.EndPoint, timeout), options, new Random(seed));
    }

    public MockDnsServer Server { get; }
    public ServiceLocator Locator { get; }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
