using System.Net;
using DnsClient;
using DnsClient.Protocol;

namespace Mesh.Dns.Tests.Server;

/// <summary>The mock server answers real packets on loopback, over UDP and over TCP, as its zone declares.</summary>
public class MockDnsServerTests
{
    static DnsZone ExampleZone() => new DnsZone()
        .AddMeshSrv("example.com", 10, 60, 8443, "host1.example.com")
        .AddMeshTxt("example.com", "path=/mesh/")
        .AddA("host1.example.com", "127.0.0.1")
        .AddAaaa("host1.example.com", "::1")
        .AddCName("alias.example.com", "host1.example.com");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Srv_txt_a_and_aaaa_are_answered_as_declared(bool tcpOnly)
    {
        await using var server = MockDnsServer.Start(ExampleZone());
        var resolver = ResolverFactory.Create(server.EndPoint, tcpOnly: tcpOnly);

        var srv = await resolver.QueryAsync("_mmm._tcp.example.com", QueryType.SRV);
        var record = Assert.Single(srv.Answers.SrvRecords());
        Assert.Equal((10, 60, 8443, "host1.example.com."), (record.Priority, record.Weight, record.Port, record.Target.Value));
        Assert.True(srv.Header.HasAuthorityAnswer);

        var txt = await resolver.QueryAsync("_mmm._tcp.example.com", QueryType.TXT);
        Assert.Equal(["path=/mesh/"], Assert.Single(txt.Answers.TxtRecords()).Text);

        var a = await resolver.QueryAsync("host1.example.com", QueryType.A);
        Assert.Equal(IPAddress.Loopback, Assert.Single(a.Answers.ARecords()).Address);

        var aaaa = await resolver.QueryAsync("host1.example.com", QueryType.AAAA);
        Assert.Equal(IPAddress.IPv6Loopback, Assert.Single(aaaa.Answers.AaaaRecords()).Address);

        var transport = tcpOnly ? DnsTransport.Tcp : DnsTransport.Udp;
        Assert.Equal(1, server.CountQueries("_mmm._tcp.example.com", ZoneRecordType.SRV, transport));
        Assert.Equal(1, server.CountQueries("_mmm._tcp.example.com", ZoneRecordType.TXT, transport));
        Assert.Equal(2, server.CountQueries("host1.example.com", transport: transport));
        Assert.All(server.Queries.All, q => Assert.Equal(transport, q.Transport));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Unknown_name_answers_nxdomain(bool tcpOnly)
    {
        await using var server = MockDnsServer.Start(ExampleZone());
        var resolver = ResolverFactory.Create(server.EndPoint, tcpOnly: tcpOnly);

        var response = await resolver.QueryAsync("nothing.example.org", QueryType.A);

        Assert.Equal(DnsHeaderResponseCode.NotExistentDomain, response.Header.ResponseCode);
        Assert.Empty(response.Answers);
    }

    [Fact]
    public async Task Existing_name_without_the_type_answers_noerror_and_empty()
    {
        await using var server = MockDnsServer.Start(ExampleZone());
        var resolver = ResolverFactory.Create(server.EndPoint);

        var mx = await resolver.QueryAsync("host1.example.com", QueryType.MX);
        var emptyNonTerminal = await resolver.QueryAsync("_tcp.example.com", QueryType.A);

        Assert.Equal(DnsHeaderResponseCode.NoError, mx.Header.ResponseCode);
        Assert.Empty(mx.Answers);
        Assert.Equal(DnsHeaderResponseCode.NoError, emptyNonTerminal.Header.ResponseCode);
        Assert.Equal(1, server.Queries.Count("host1.example.com", "MX"));
    }

    [Fact]
    public async Task Declared_nxdomain_name_answers_nxdomain_even_with_records()
    {
        var zone = ExampleZone().AddNxDomain("example.com");
        await using var server = MockDnsServer.Start(zone);
        var resolver = ResolverFactory.Create(server.EndPoint);

        var response = await resolver.QueryAsync("host1.example.com", QueryType.A);

        Assert.Equal(DnsHeaderResponseCode.NotExistentDomain, response.Header.ResponseCode);
    }

    [Fact]
    public async Task Cname_is_answered_with_its_target_records()
    {
        await using var server = MockDnsServer.Start(ExampleZone());
        var resolver = ResolverFactory.Create(server.EndPoint);

        var response = await resolver.QueryAsync("alias.example.com", QueryType.A);

        Assert.Equal("host1.example.com.", Assert.Single(response.Answers.CnameRecords()).CanonicalName.Value);
        Assert.Equal(IPAddress.Loopback, Assert.Single(response.Answers.ARecords()).Address);
    }

    [Fact]
    public async Task Names_match_case_insensitively()
    {
        await using var server = MockDnsServer.Start(ExampleZone());
        var resolver = ResolverFactory.Create(server.EndPoint);

        var response = await resolver.QueryAsync("HOST1.Example.COM", QueryType.A);

        Assert.Single(response.Answers.ARecords());
        Assert.Equal(1, server.CountQueries("host1.example.com"));
    }

    [Fact]
    public async Task Truncated_udp_answer_makes_the_resolver_retry_over_tcp_and_get_everything()
    {
        var zone = ExampleZone()
            .AddMeshSrv("example.com", 20, 0, 8444, "host2.example.com")
            .AddFault("_mmm._tcp.example.com", DnsFault.Truncated, ZoneRecordType.SRV);
        await using var server = MockDnsServer.Start(zone);
        var resolver = ResolverFactory.Create(server.EndPoint);

        var response = await resolver.QueryAsync("_mmm._tcp.example.com", QueryType.SRV);

        Assert.Equal(["host1.example.com.", "host2.example.com."], response.Answers.SrvRecords().Select(r => r.Target.Value).Order());
        Assert.False(response.Header.ResultTruncated);
        Assert.Equal(1, server.CountQueries("_mmm._tcp.example.com", ZoneRecordType.SRV, DnsTransport.Udp));
        Assert.Equal(1, server.CountQueries("_mmm._tcp.example.com", ZoneRecordType.SRV, DnsTransport.Tcp));
    }

    [Fact]
    public async Task Answer_too_big_for_udp_is_truncated_by_the_server_and_fetched_over_tcp()
    {
        var zone = new DnsZone();
        for (var i = 0; i < 40; i++) zone.AddTxt("big.example.com", $"entry-{i}=" + new string('x', 40));
        await using var server = MockDnsServer.Start(zone);
        var resolver = new LookupClient(new LookupClientOptions(server.EndPoint)
        {
            UseCache = false,
            Timeout = TimeSpan.FromSeconds(2),
            Retries = 1,
            UseTcpFallback = true,
            ExtendedDnsBufferSize = 512, // no EDNS: the classic 512-byte UDP limit (RFC 1035 §4.2.1)
        });

        var response = await resolver.QueryAsync("big.example.com", QueryType.TXT);

        Assert.Equal(40, response.Answers.TxtRecords().Count());
        Assert.Equal(1, server.CountQueries("big.example.com", ZoneRecordType.TXT, DnsTransport.Tcp));
    }

    [Theory]
    [InlineData(DnsFault.ServFail, DnsHeaderResponseCode.ServerFailure)]
    [InlineData(DnsFault.Refused, DnsHeaderResponseCode.Refused)]
    public async Task Scripted_error_rcode_is_sent_for_that_name_only(DnsFault fault, DnsHeaderResponseCode expected)
    {
        var zone = ExampleZone().AddFault("host1.example.com", fault, ZoneRecordType.A);
        await using var server = MockDnsServer.Start(zone);
        var resolver = ResolverFactory.Create(server.EndPoint);

        var faulted = await resolver.QueryAsync("host1.example.com", QueryType.A);
        var otherType = await resolver.QueryAsync("host1.example.com", QueryType.AAAA);

        Assert.Equal(expected, faulted.Header.ResponseCode);
        Assert.Equal(DnsHeaderResponseCode.NoError, otherType.Header.ResponseCode);
        Assert.Single(otherType.Answers.AaaaRecords());
    }

    [Fact]
    public async Task Timeout_fault_never_answers_and_the_resolver_gives_up()
    {
        var zone = ExampleZone().AddFault("host1.example.com", DnsFault.Timeout);
        await using var server = MockDnsServer.Start(zone);
        var resolver = ResolverFactory.Create(server.EndPoint, TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAsync<DnsResponseException>(() => resolver.QueryAsync("host1.example.com", QueryType.A));
        Assert.Equal(2, server.CountQueries("host1.example.com", ZoneRecordType.A, DnsTransport.Udp)); // one retry
    }

    [Fact]
    public async Task Delayed_answer_arrives_complete()
    {
        var zone = ExampleZone().AddDelay("host1.example.com", TimeSpan.FromMilliseconds(200), ZoneRecordType.A);
        await using var server = MockDnsServer.Start(zone);
        var resolver = ResolverFactory.Create(server.EndPoint);

        var response = await resolver.QueryAsync("host1.example.com", QueryType.A);

        Assert.Single(response.Answers.ARecords());
    }

    [Fact]
    public async Task Zone_replaced_while_running_is_served_from_the_next_query()
    {
        await using var server = MockDnsServer.Start(ExampleZone());
        var resolver = ResolverFactory.Create(server.EndPoint);
        Assert.Single((await resolver.QueryAsync("host1.example.com", QueryType.A)).Answers.ARecords());

        server.Zone = new DnsZone().AddA("host9.example.com", "127.0.0.9");

        Assert.Equal(DnsHeaderResponseCode.NotExistentDomain, (await resolver.QueryAsync("host1.example.com", QueryType.A)).Header.ResponseCode);
        Assert.Equal(IPAddress.Parse("127.0.0.9"), Assert.Single((await resolver.QueryAsync("host9.example.com", QueryType.A)).Answers.ARecords()).Address);
    }

    [Fact]
    public async Task Zone_changed_in_place_while_running_is_served_from_the_next_query()
    {
        var zone = ExampleZone();
        await using var server = MockDnsServer.Start(zone);
        var resolver = ResolverFactory.Create(server.EndPoint);

        zone.AddA("host1.example.com", "127.0.0.2");

        Assert.Equal(2, (await resolver.QueryAsync("host1.example.com", QueryType.A)).Answers.ARecords().Count());
    }

    [Fact]
    public async Task Two_servers_listen_on_distinct_ports_with_udp_and_tcp_on_the_same_number()
    {
        await using var first = MockDnsServer.Start(ExampleZone());
        await using var second = MockDnsServer.Start(ExampleZone());

        Assert.NotEqual(first.EndPoint.Port, second.EndPoint.Port);
        Assert.Equal(IPAddress.Loopback, first.EndPoint.Address);
        var udp = await ResolverFactory.Create(second.EndPoint).QueryAsync("host1.example.com", QueryType.A);
        var tcp = await ResolverFactory.Create($"127.0.0.1:{second.EndPoint.Port}", tcpOnly: true).QueryAsync("host1.example.com", QueryType.A);
        Assert.Single(udp.Answers.ARecords());
        Assert.Single(tcp.Answers.ARecords());
        Assert.Empty(first.Queries.All);
    }
}
