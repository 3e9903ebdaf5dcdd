using System.Text;
using Mesh.Client;
using Mesh.Conformance.ReferenceVectors;
using Mesh.Conformance.Targets;
using Mesh.Conformance.Tests.ReferenceVectors;
using Mesh.Conformance.Vectors;
using Mesh.Dns.Discovery;
using Mesh.Wire.Json;
using Mesh.Wire.Messages;

namespace Mesh.Conformance.Tests.Targets;

/// <summary>serve --replay: a client finds the replay through DNS and gets the recorded answers, byte for byte.</summary>
public class ReplayServiceTests
{
    [VectorFact]
    public async Task A_client_gets_the_authors_recorded_Hello_byte_for_byte()
    {
        var recorded = MarkdownExample.Load(Path.Combine(SharedVectors.Sets[0], "Examples", "ProtocolHello.md")).Blocks
            .Single(b => b.TrimStart().StartsWith("{\n  \"MeshHelloResponse\"", StringComparison.Ordinal)).Trim('\n');
        using var replay = ReplayService.Start(ReplayService.Load(SharedVectors.Sets[0]));
        using var discovered = await DiscoveredClient.ConnectAsync("example.com", replay.Dns.EndPoint, DiscoveryOptions.Http,
            new MeshClientOptions { Layout = BinaryLayout.ReferenceWrapped });
        var hello = await discovered.Client.HelloAsync();
        Assert.Equal(recorded, Encoding.UTF8.GetString(hello.Exchange.ResponseBody));
        Assert.Equal(201, hello.Expect().Status);
        Assert.Contains("Hello", replay.Transactions);
    }

    [Fact]
    public async Task The_projects_own_vectors_replay_and_unknown_requests_get_404()
    {
        var source = Path.Combine(Repository.Vectors, "draft-03");
        using var replay = ReplayService.Start(ReplayService.Load(source));
        using var discovered = await DiscoveredClient.ConnectAsync("example.com", replay.Dns.EndPoint, DiscoveryOptions.Http);
        Assert.IsType<MeshHelloResponse>((await discovered.Client.HelloAsync()).Expect());
        var status = await discovered.Client.SendAsync<StatusResponse>(new StatusRequest { Account = "zed@example.com" });
        Assert.InRange(status.HttpStatus, 200, 299);
        var unknown = await discovered.Client.SendBytesAsync<Response>("{\"NoSuchTransaction\": {}}"u8.ToArray(), "application/json");
        Assert.Equal(404, unknown.HttpStatus);
    }

    [Fact]
    public void A_folder_without_recordings_is_refused()
    {
        var empty = Directory.CreateTempSubdirectory("mesh-replay").FullName;
        try { Assert.Throws<DirectoryNotFoundException>(() => ReplayService.Load(empty)); }
        finally { Directory.Delete(empty); }
    }
}
