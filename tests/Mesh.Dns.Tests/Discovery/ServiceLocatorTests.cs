using System.Net;
using Mesh.Dns.Discovery;

namespace Mesh.Dns.Tests.Discovery;

/// <summary>Mesh service discovery over real DNS packets: SRV order, TXT path, fallback, scheme, port and Host.</summary>
public class ServiceLocatorTests
{
    const string Service = "_mmm._tcp.example.com";

    [Fact]
    public async Task Srv_records_are_ordered_by_priority_first()
    {
        var zone = new DnsZone()
            .AddMeshSrv("example.com", 30, 100, 8443, "third.example.com")
            .AddMeshSrv("example.com", 10, 1, 8443, "first.example.com")
            .AddMeshSrv("example.com", 20, 50, 8443, "second.example.com");
        await using var dns = new DiscoveryDns(zone);

        var endpoints = await dns.Locator.LocateAsync("example.com");

        Assert.Equal(["first.example.com", "second.example.com", "third.example.com"], endpoints.Select(e => e.HostName));
        Assert.Equal([10, 20, 30], endpoints.Select(e => e.Priority!.Value));
        Assert.All(endpoints, e => Assert.True(e.FromSrv));
    }

    [Fact]
    public async Task Weighted_order_is_repeatable_with_a_seeded_random_and_keeps_every_entry()
    {
        var zone = new DnsZone()
            .AddMeshSrv("example.com", 10, 60, 8443, "a.example.com")
            .AddMeshSrv("example.com", 10, 30, 8443, "b.example.com")
            .AddMeshSrv("example.com", 10, 10, 8443, "c.example.com")
            .AddMeshSrv("example.com", 10, 0, 8443, "d.example.com");
        await using var first = new DiscoveryDns(zone, seed: 42);
        await using var second = new DiscoveryDns(zone, seed: 42);

        var one = (await first.Locator.LocateAsync("example.com")).Select(e => e.HostName).ToList();
        var two = (await second.Locator.LocateAsync("example.com")).Select(e => e.HostName).ToList();

        Assert.Equal(one, two);
        Assert.Equal(["a.example.com", "b.example.com", "c.example.com", "d.example.com"], one.Order());
    }

    [Fact]
    public async Task Txt_path_at_the_domain_applies_to_every_srv_target()
    {
        var zone = new DnsZone()
            .AddMeshSrv("example.com", 10, 0, 8443, "host1.example.com")
            .AddMeshSrv("example.com", 20, 0, 8444, "host2.example.com")
            .AddMeshTxt("example.com", "path=/mesh/");
        await using var dns = new DiscoveryDns(zone);

        var endpoints = await dns.Locator.LocateAsync("example.com");

        Assert.Equal(["https://host1.example.com:8443/mesh/", "https://host2.example.com:8444/mesh/"], endpoints.Select(e => e.Uri.ToString()));
        Assert.Equal("SRV 10 0 _mmm._tcp.example.com → host1.example.com:8443, TXT path=/mesh/ at _mmm._tcp.example.com", endpoints[0].Source);
    }

    [Fact]
    public async Task Txt_path_at_a_target_overrides_the_domain_path_for_that_target_only()
    {
        var zone = new DnsZone()
            .AddMeshSrv("example.com", 10, 0, 8443, "host1.example.com")
            .AddMeshSrv("example.com", 20, 0, 8444, "host2.example.com")
            .AddMeshTxt("example.com", "path=/mesh/")
            .AddMeshTxt("host2.example.com", "path=/other/");
        await using var dns = new DiscoveryDns(zone);

        var endpoints = await dns.Locator.LocateAsync("example.com");

        Assert.Equal(["/mesh/", "/other/"], endpoints.Select(e => e.Uri.AbsolutePath));
        Assert.EndsWith("TXT path=/other/ at _mmm._tcp.host2.example.com", endpoints[1].Source);
        Assert.Equal(1, dns.Server.CountQueries("_mmm._tcp.host1.example.com", ZoneRecordType.TXT));
        Assert.Equal(1, dns.Server.CountQueries("_mmm._tcp.host2.example.com", ZoneRecordType.TXT));
    }

    [Fact]
    public async Task Without_txt_path_the_well_known_path_is_used()
    {
        var zone = new DnsZone().AddMeshSrv("example.com", 10, 0, 8443, "host1.example.com");
        await using var dns = new DiscoveryDns(zone);

        var endpoint = Assert.Single(await dns.Locator.LocateAsync("example.com"));

        Assert.Equal("https://host1.example.com:8443/.well-known/mmm/", endpoint.Uri.ToString());
        Assert.EndsWith("default path /.well-known/mmm/", endpoint.Source);
    }

    [Fact]
    public async Task Unknown_txt_keys_are_ignored_and_noted()
    {
        var zone = new DnsZone()
            .AddMeshSrv("example.com", 10, 0, 8443, "host1.example.com")
            .AddMeshTxt("example.com", "txtvers=1", "PATH=/mesh/", "path=/second/", "flag", "=orphan");
        await using var dns = new DiscoveryDns(zone);

        var result = await dns.Locator.DiscoverAsync("example.com");

        Assert.Equal("/mesh/", Assert.Single(result.Endpoints).Uri.AbsolutePath); // keys case-insensitive, first wins
        Assert.Contains(result.Notes, n => n.Contains("'txtvers'") && n.Contains("ignored"));
        Assert.Contains(result.Notes, n => n.Contains("'flag'") && n.Contains("ignored"));
    }

    [Fact]
    public async Task Relative_txt_path_is_ignored_and_noted()
    {
        var zone = new DnsZone()
            .AddMeshSrv("example.com", 10, 0, 8443, "host1.example.com")
            .AddMeshTxt("example.com", "path=mesh/");
        await using var dns = new DiscoveryDns(zone);

        var result = await dns.Locator.DiscoverAsync("example.com");

        Assert.Equal("/.well-known/mmm/", Assert.Single(result.Endpoints).Uri.AbsolutePath);
        Assert.Contains(result.Notes, n => n.Contains("path=mesh/") && n.Contains("must be absolute"));
    }

    [Theory]
    [InlineData("nxdomain")]
    [InlineData("nodata")]
    public async Task Without_srv_the_fallback_is_mmm_domain_then_the_domain(string why)
    {
        var zone = new DnsZone().AddA("mmm.example.com", "127.0.0.1");
        if (why == "nodata") zone.AddMeshTxt("example.com", "path=/ignored/");
        await using var dns = new DiscoveryDns(zone);

        var result = await dns.Locator.DiscoverAsync("example.com");

        Assert.Equal(["https://mmm.example.com/.well-known/mmm/", "https://example.com/.well-known/mmm/"],
            result.Endpoints.Select(e => e.Uri.ToString()));
        Assert.All(result.Endpoints, e => Assert.Null(e.Port));
        Assert.All(result.Endpoints, e => Assert.False(e.FromSrv));
        Assert.Equal($"fallback 1: no SRV at {Service} ({(why == "nxdomain" ? "NXDOMAIN" : "no SRV records")}) → mmm.example.com, default path /.well-known/mmm/",
            result.Endpoints[0].Source);
        if (why == "nodata") Assert.Contains(result.Notes, n => n.Contains("path=/ignored/") && n.Contains("not used"));
    }

    [Fact]
    public async Task Bare_domain_fallback_can_be_switched_off()
    {
        await using var dns = new DiscoveryDns(new DnsZone(), new DiscoveryOptions { BareDomainFallback = false });

        var endpoint = Assert.Single(await dns.Locator.LocateAsync("example.com"));

        Assert.Equal("mmm.example.com", endpoint.HostName);
    }

    [Theory]
    [InlineData("alice@example.com")]
    [InlineData("Alice@EXAMPLE.Com")]
    [InlineData("EXAMPLE.COM.")]
    public async Task Account_address_or_domain_is_looked_up_by_its_lower_case_domain(string identifier)
    {
        var zone = new DnsZone().AddMeshSrv("example.com", 10, 0, 8443, "host1.example.com");
        await using var dns = new DiscoveryDns(zone);

        var endpoint = Assert.Single(await dns.Locator.LocateAsync(identifier));

        Assert.Equal("host1.example.com", endpoint.HostName);
        var queried = dns.Server.Queries.All.Where(q => q.Type == "SRV").Select(q => q.Name);
        Assert.Equal([Service], queried);
    }

    [Theory]
    [InlineData("https", (ushort)8443, "https://host1.example.com:8443/.well-known/mmm/", "host1.example.com:8443")]
    [InlineData("https", (ushort)443, "https://host1.example.com/.well-known/mmm/", "host1.example.com")]
    [InlineData("http", (ushort)80, "http://host1.example.com/.well-known/mmm/", "host1.example.com")]
    [InlineData("http", (ushort)8080, "http://host1.example.com:8080/.well-known/mmm/", "host1.example.com:8080")]
    [InlineData("http", (ushort)443, "http://host1.example.com:443/.well-known/mmm/", "host1.example.com:443")]
    public async Task Scheme_is_configurable_and_the_srv_port_is_kept_unless_it_is_the_scheme_default(
        string scheme, ushort port, string uri, string host)
    {
        var zone = new DnsZone().AddMeshSrv("example.com", 10, 0, port, "host1.example.com");
        await using var dns = new DiscoveryDns(zone, new DiscoveryOptions { Scheme = scheme });

        var endpoint = Assert.Single(await dns.Locator.LocateAsync("example.com"));

        Assert.Equal(uri, endpoint.Uri.ToString());
        Assert.Equal(host, endpoint.Host);
        Assert.Equal(port, endpoint.Port);
    }

    [Theory]
    [InlineData("https", "https://mmm.example.com/.well-known/mmm/", 443)]
    [InlineData("HTTP", "http://mmm.example.com/.well-known/mmm/", 80)]
    public async Task Fallback_uses_the_scheme_default_port(string scheme, string uri, int effectivePort)
    {
        await using var dns = new DiscoveryDns(new DnsZone(), new DiscoveryOptions { Scheme = scheme });

        var endpoint = (await dns.Locator.LocateAsync("example.com"))[0];

        Assert.Equal(uri, endpoint.Uri.ToString());
        Assert.Equal(effectivePort, endpoint.Uri.Port);
        Assert.Equal("mmm.example.com", endpoint.Host);
    }

    [Fact]
    public void Scheme_other_than_http_or_https_is_rejected()
    {
        var resolver = ResolverFactory.Create(new IPEndPoint(IPAddress.Loopback, 53));

        Assert.Throws<ArgumentException>(() => new ServiceLocator(resolver, new DiscoveryOptions { Scheme = "ftp" }));
    }

    [Fact]
    public async Task Host_header_value_is_the_authority_of_the_url()
    {
        var zone = new DnsZone()
            .AddMeshSrv("example.com", 10, 0, 8443, "Host1.Example.com.")
            .AddMeshSrv("example.com", 20, 0, 443, "host2.example.com");
        await using var dns = new DiscoveryDns(zone);

        var endpoints = await dns.Locator.LocateAsync("example.com");

        Assert.All(endpoints, e => Assert.Equal(e.Uri.Authority, e.Host));
        Assert.Equal(["host1.example.com:8443", "host2.example.com"], endpoints.Select(e => e.Host));
    }

    [Fact]
    public async Task Srv_target_dot_means_the_service_is_not_available_and_says_so()
    {
        var zone = new DnsZone()
            .AddMeshSrv("example.com", 0, 0, 0, ".")
            .AddA("mmm.example.com", "127.0.0.1");
        await using var dns = new DiscoveryDns(zone);

        var result = await dns.Locator.DiscoverAsync("example.com");
        var endpoints = await dns.Locator.LocateAsync("example.com");

        Assert.Empty(endpoints);
        Assert.True(result.ServiceUnavailable);
        Assert.Contains("decidedly not available", result.UnavailableReason);
        Assert.Contains(Service, result.UnavailableReason);
    }

    [Fact]
    public async Task Truncated_srv_answer_is_completed_over_tcp()
    {
        var zone = new DnsZone()
            .AddMeshSrv("example.com", 10, 0, 8443, "host1.example.com")
            .AddMeshSrv("example.com", 20, 0, 8443, "host2.example.com")
            .AddFault(Service, DnsFault.Truncated, ZoneRecordType.SRV);
        await using var dns = new DiscoveryDns(zone);

        var endpoints = await dns.Locator.LocateAsync("example.com");

        Assert.Equal(2, endpoints.Count);
        Assert.Equal(1, dns.Server.CountQueries(Service, ZoneRecordType.SRV, DnsTransport.Tcp));
    }

    [Fact]
    public async Task Host_is_resolved_to_addresses_through_the_same_server()
    {
        var zone = new DnsZone()
            .AddMeshSrv("example.com", 10, 0, 8443, "alias.example.com")
            .AddCName("alias.example.com", "host1.example.com")
            .AddA("host1.example.com", "127.0.0.1")
            .AddAaaa("host1.example.com", "::1");
        await using var dns = new DiscoveryDns(zone);

        var endpoint = Assert.Single(await dns.Locator.LocateAsync("example.com"));
        var addresses = await dns.Locator.ResolveHostAsync(endpoint.HostName);

        Assert.Equal([IPAddress.Loopback, IPAddress.IPv6Loopback], addresses);
        Assert.Equal("alias.example.com:8443", endpoint.Host); // the client still sends the name it was given
        Assert.Empty(await dns.Locator.ResolveHostAsync("missing.example.com"));
        Assert.Equal([IPAddress.Parse("127.0.0.5")], await dns.Locator.ResolveHostAsync("127.0.0.5"));
    }
}
