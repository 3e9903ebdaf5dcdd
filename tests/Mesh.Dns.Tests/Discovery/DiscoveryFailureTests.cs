using Mesh.Dns.Discovery;

namespace Mesh.Dns.Tests.Discovery;

/// <summary>
/// A failed DNS query is reported, not guessed around: SERVFAIL, REFUSED or silence on the SRV query stops
/// discovery with a <see cref="DiscoveryException"/> that names the query and the failure.
/// </summary>
public class DiscoveryFailureTests
{
    const string Service = "_mmm._tcp.example.com";

    // Short enough to keep the suite fast; a timed-out query costs (1 + 1 retry) × this.
    static readonly TimeSpan ShortTimeout = TimeSpan.FromMilliseconds(500);

    [Theory]
    [InlineData(DnsFault.ServFail, DiscoveryFailure.ServerFailure, "SERVFAIL")]
    [InlineData(DnsFault.Refused, DiscoveryFailure.Refused, "REFUSED")]
    public async Task Error_answer_to_the_srv_query_stops_discovery_and_names_it(DnsFault fault, DiscoveryFailure expected, string word)
    {
        var zone = new DnsZone().AddFault(Service, fault, ZoneRecordType.SRV).AddA("mmm.example.com", "127.0.0.1");
        await using var dns = new DiscoveryDns(zone, timeout: ShortTimeout);

        var error = await Assert.ThrowsAsync<DiscoveryException>(() => dns.Locator.LocateAsync("alice@example.com"));

        Assert.Equal(expected, error.Failure);
        Assert.Equal(Service, error.QueryName);
        Assert.Equal("SRV", error.QueryType);
        Assert.StartsWith($"SRV query for {Service} failed: ", error.Message);
        Assert.Contains(word, error.Message);
        Assert.Contains($"127.0.0.1:{dns.Server.EndPoint.Port}", error.Message);
    }

    [Fact]
    public async Task Silent_server_makes_discovery_fail_with_a_timeout_instead_of_hanging()
    {
        var zone = new DnsZone().AddFault(Service, DnsFault.Timeout);
        await using var dns = new DiscoveryDns(zone, timeout: ShortTimeout);

        var error = await Assert.ThrowsAsync<DiscoveryException>(() => dns.Locator.LocateAsync("example.com"));

        Assert.Equal(DiscoveryFailure.Timeout, error.Failure);
        Assert.Equal(Service, error.QueryName);
        Assert.Contains("timed out", error.Message);
        Assert.Contains("500 ms", error.Message);
    }

    [Fact]
    public async Task Failed_txt_query_only_loses_the_path_and_is_noted()
    {
        var zone = new DnsZone()
            .AddMeshSrv("example.com", 10, 0, 8443, "host1.example.com")
            .AddMeshTxt("example.com", "path=/mesh/")
            .AddFault(Service, DnsFault.ServFail, ZoneRecordType.TXT);
        await using var dns = new DiscoveryDns(zone, timeout: ShortTimeout);

        var result = await dns.Locator.DiscoverAsync("example.com");

        Assert.Equal("/.well-known/mmm/", Assert.Single(result.Endpoints).Uri.AbsolutePath);
        Assert.Contains(result.Notes, n => n.StartsWith($"TXT query for {Service} failed") && n.Contains("SERVFAIL"));
    }

    [Fact]
    public async Task Delayed_answer_within_the_timeout_is_still_used()
    {
        var zone = new DnsZone()
            .AddMeshSrv("example.com", 10, 0, 8443, "host1.example.com")
            .AddDelay(Service, TimeSpan.FromMilliseconds(150), ZoneRecordType.SRV);
        await using var dns = new DiscoveryDns(zone); // default 2 s timeout: a wide margin over the delay

        Assert.Single(await dns.Locator.LocateAsync("example.com"));
    }

    [Fact]
    public async Task Failed_address_query_is_reported_by_resolve_host()
    {
        var zone = new DnsZone().AddA("host1.example.com", "127.0.0.1").AddFault("host1.example.com", DnsFault.Refused, ZoneRecordType.AAAA);
        await using var dns = new DiscoveryDns(zone, timeout: ShortTimeout);

        var error = await Assert.ThrowsAsync<DiscoveryException>(() => dns.Locator.ResolveHostAsync("host1.example.com"));

        Assert.Equal(DiscoveryFailure.Refused, error.Failure);
        Assert.Equal("AAAA", error.QueryType);
    }
}
