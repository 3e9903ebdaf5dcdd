using System.Net;
using Mesh.Client;
using Mesh.Conformance.Targets;
using Mesh.Dns;
using Mesh.Dns.Discovery;
using Mesh.Hosting;
using Mesh.Service;
using Mesh.Service.Storage;

namespace Mesh.Conformance.Tests.Targets;

/// <summary>Client finds the service through real DNS packets and reaches it over real sockets (draft §4.1, A1–A4).</summary>
public class DiscoveryEndToEndTests
{
    [Theory]
    [InlineData(true, ProtocolProfile.Draft03)]
    [InlineData(false, ProtocolProfile.Reference)]
    public async Task A_client_discovers_the_embedded_service_through_srv_and_reaches_it(bool tls, ProtocolProfile profile)
    {
        await using var embedded = await EmbeddedService.StartAsync(new EmbeddedServiceOptions { Tls = tls, Service = new ServiceOptions { Profile = profile } });
        using var discovered = await DiscoveredClient.ConnectAsync("alice@example.com", embedded.Dns.EndPoint,
            tls ? DiscoveryOptions.Https : DiscoveryOptions.Http, pinnedCertificateHash: embedded.Host.Certificate?.GetCertHashString());
        Assert.Equal(embedded.ServiceUri, discovered.Endpoint.Uri);
        var hello = await discovered.Client.HelloAsync();
        Assert.Equal(201, hello.Status);
        Assert.Empty(hello.Problems);
        Assert.Equal($"mmm.example.com:{embedded.Host.Port}", hello.Exchange.Uri.Authority);
        Assert.True(embedded.Dns.CountQueries("_mmm._tcp.example.com", ZoneRecordType.SRV) >= 1);
        Assert.True(embedded.Dns.CountQueries("mmm.example.com", ZoneRecordType.A) >= 1);
    }

    [Fact]
    public async Task A_txt_path_sends_requests_to_that_path()
    {
        var service = new MeshService(new ServiceOptions(), new MemoryStore());
        await using var host = await MeshHost.StartAsync(service, new MeshHostOptions { Paths = ["/mesh/"] });
        var zone = new DnsZone().AddMeshSrv("example.com", 0, 0, (ushort)host.Port, "mesh.example.com").AddMeshTxt("example.com", "path=/mesh/").AddA("mesh.example.com", IPAddress.Loopback);
        await using var dns = MockDnsServer.Start(zone);
        using var discovered = await DiscoveredClient.ConnectAsync("example.com", dns.EndPoint, DiscoveryOptions.Http);
        var hello = await discovered.Client.HelloAsync();
        Assert.Equal("/mesh/", hello.Exchange.Uri.AbsolutePath);
        Assert.Equal(201, hello.Status);
    }

    [Fact]
    public async Task Without_srv_the_client_falls_back_to_mmm_domain_then_the_domain()
    {
        await using var dns = MockDnsServer.Start(new DnsZone().AddA("example.com", IPAddress.Loopback));
        using var discovered = await DiscoveredClient.ConnectAsync("alice@example.com", dns.EndPoint);
        Assert.Equal(["mmm.example.com", "example.com"], discovered.Discovery.Endpoints.Select(e => e.HostName));
        Assert.Equal(new Uri("https://example.com/.well-known/mmm/"), discovered.Endpoint.Uri);
    }

    [Fact]
    public async Task A_failing_dns_server_is_reported_plainly_and_quickly()
    {
        await using var dns = MockDnsServer.Start(new DnsZone().AddFault("_mmm._tcp.example.com", DnsFault.ServFail));
        var error = await Assert.ThrowsAsync<DiscoveryException>(() => DiscoveredClient.ConnectAsync("example.com", dns.EndPoint));
        Assert.Contains("_mmm._tcp.example.com", error.Message);
        Assert.Equal(DiscoveryFailure.ServerFailure, error.Failure);
    }

    [Fact]
    public async Task An_unreachable_service_is_a_client_error_not_a_hang()
    {
        var zone = new DnsZone().AddMeshSrv("example.com", 0, 0, 9, "mmm.example.com").AddA("mmm.example.com", IPAddress.Loopback);
        await using var dns = MockDnsServer.Start(zone);
        using var discovered = await DiscoveredClient.ConnectAsync("example.com", dns.EndPoint, DiscoveryOptions.Http);
        var error = await Assert.ThrowsAsync<MeshClientException>(() => discovered.Client.HelloAsync());
        Assert.Contains("Cannot reach http://mmm.example.com:9/.well-known/mmm/", error.Message);
    }

    [Fact]
    public async Task The_embedded_service_keeps_its_accounts_in_a_store_folder_across_restarts()
    {
        var folder = Directory.CreateTempSubdirectory("mesh-embedded").FullName;
        try
        {
            var keys = Client.Accounts.MeshAccountKeys.FromSeed("alice");
            await using (var first = await EmbeddedService.StartAsync(new EmbeddedServiceOptions { StoreFolder = folder }))
            {
                using var discovered = await DiscoveredClient.ConnectAsync("example.com", first.Dns.EndPoint, DiscoveryOptions.Http);
                (await discovered.Client.CreateAccountAsync(keys.CreateRequest("alice@example.com", discovered.Client.Options.Layout))).Expect();
            }
            await using var second = await EmbeddedService.StartAsync(new EmbeddedServiceOptions { StoreFolder = folder });
            using var again = await DiscoveredClient.ConnectAsync("example.com", second.Dns.EndPoint, DiscoveryOptions.Http);
            Assert.Equal(201, (await again.Client.StatusAsync(new Wire.Messages.StatusRequest { Account = "alice@example.com" })).Status);
        }
        finally { Directory.Delete(folder, recursive: true); }
    }
}
