using Mesh.Conformance.Drivers;
using Mesh.Conformance.Scenarios;
using Mesh.Dns;
using Mesh.Service;

namespace Mesh.Conformance.Tests.Targets;

/// <summary>The published-records check reads the domain's own records and fails on each flaw it targets.</summary>
public class PublishedRecordsTests
{
    static async Task<(ServiceTargetDriver Target, PublishedRecordsDriver Records)> StartAsync(string? zone = null)
    {
        var target = new ServiceTargetDriver { AnnouncedDomain = "example.com" };
        await target.StartAsync(ProtocolProfile.Draft03);
        if (zone is not null) target.UseZone(DnsZone.Parse(zone.Replace("{port}", target.Service.Host.Port.ToString(), StringComparison.Ordinal), "test zone"));
        return (target, new PublishedRecordsDriver(target));
    }

    [Fact]
    public async Task The_embedded_announcement_names_one_endpoint_and_it_answers()
    {
        var (target, records) = await StartAsync();
        await using var _ = target;
        await records.ReadAsync();
        Assert.Equal([target.Service.ServiceUri], records.Endpoints.Select(e => e.Uri));
        await records.ExpectEveryEndpointAnswersHelloAsync();
        records.ExpectAbsolutePaths();
        Assert.Single(target.Exchanges);
    }

    [Fact]
    public async Task A_backup_srv_record_leading_nowhere_fails_naming_it()
    {
        var (target, records) = await StartAsync("""
            _mmm._tcp.example.com. SRV 0 0 {port} mmm.example.com.
            _mmm._tcp.example.com. SRV 10 5 9 backup.example.com.
            mmm.example.com. A 127.0.0.1
            backup.example.com. A 127.0.0.1
            """);
        await using var _ = target;
        await records.ReadAsync();
        var failure = await Assert.ThrowsAsync<ConformanceFailure>(records.ExpectEveryEndpointAnswersHelloAsync);
        Assert.Contains("backup.example.com:9", failure.Actual);
        Assert.DoesNotContain("mmm.example.com", failure.Actual);
    }

    [Fact]
    public async Task A_host_txt_path_wins_over_the_domain_path_and_a_relative_path_fails()
    {
        var (target, records) = await StartAsync("""
            _mmm._tcp.example.com. SRV 0 0 {port} mmm.example.com.
            _mmm._tcp.example.com. TXT "version=3.0 path=/domain/"
            _mmm._tcp.mmm.example.com. TXT "path=mesh"
            mmm.example.com. A 127.0.0.1
            """);
        await using var _ = target;
        await records.ReadAsync();
        Assert.EndsWith("mesh", records.Endpoints.Single().Uri.AbsolutePath);
        var failure = Assert.Throws<ConformanceFailure>(records.ExpectAbsolutePaths);
        Assert.Contains("path=mesh", failure.Actual);
    }

    [Fact]
    public async Task Without_srv_the_fallback_host_on_the_default_port_is_the_endpoint()
    {
        var (target, records) = await StartAsync("example.com. A 127.0.0.1");
        await using var _ = target;
        await records.ReadAsync();
        Assert.Equal([new Uri("http://example.com/.well-known/mmm/")], records.Endpoints.Select(e => e.Uri));
    }

    [Fact]
    public async Task No_record_at_all_is_a_failure_not_a_vacuous_pass()
    {
        var (target, records) = await StartAsync("other.example. A 127.0.0.1");
        await using var _ = target;
        await records.ReadAsync();
        Assert.Throws<ConformanceFailure>(records.ExpectAnEndpoint);
        await Assert.ThrowsAsync<ConformanceFailure>(records.ExpectEveryEndpointAnswersHelloAsync);
    }
}
