using Mesh.Client;
using Mesh.Client.Accounts;
using Mesh.Conformance.Targets;
using Mesh.Dns.Discovery;
using Mesh.Wire.Json;
using Mesh.Wire.Messages;

namespace Mesh.Conformance.Tests.Targets;

/// <summary>The embedded service restarted on its durable store keeps its data, its address and its certificate.</summary>
public sealed class EmbeddedServiceRestartTests : IDisposable
{
    const string Alice = "alice@example.com";
    readonly string folder = Path.Combine(Path.GetTempPath(), "mesh-restart-" + Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Data_survives_a_restart_and_a_client_from_before_it_keeps_working(bool tls)
    {
        await using var embedded = await EmbeddedService.StartAsync(new EmbeddedServiceOptions { StoreFolder = folder, Tls = tls });
        var (hostBefore, storeBefore, uriBefore, thumbprint) = (embedded.Host, embedded.Store, embedded.ServiceUri, embedded.Host.Certificate?.GetCertHashString());
        using var before = await ConnectAsync(embedded);
        (await before.Client.CreateAccountAsync(MeshAccountKeys.FromSeed(Alice).CreateRequest(Alice, BinaryLayout.Unwrapped))).Expect();
        var upload = ContainerEntries.TextEntries("mmm_Device", 0, 3);
        (await before.Client.UploadAsync(new UploadRequest { Account = Alice, Updates = [upload] })).Expect();

        await embedded.RestartAsync();

        Assert.NotSame(hostBefore, embedded.Host);
        Assert.NotSame(storeBefore, embedded.Store);
        Assert.Same(embedded.Store, embedded.Host.Service.Context.Store);
        Assert.Equal(uriBefore, embedded.ServiceUri);
        Assert.Equal(thumbprint, embedded.Host.Certificate?.GetCertHashString());
        using var after = await ConnectAsync(embedded);
        Assert.Equal(uriBefore, after.Endpoint.Uri);
        var download = (await after.Client.DownloadAsync(new DownloadRequest { Account = Alice, Select = [new() { Container = "mmm_Device" }] })).Expect();
        Assert.Equal(upload.Envelopes!.Select(e => e.EncodeArray()), download.Updates![0].Envelopes!.Select(e => e.EncodeArray()));

        // The old client's pooled connection was closed by the stop; its next request connects again.
        var next = (await before.Client.UploadAsync(new UploadRequest { Account = Alice, Updates = [ContainerEntries.TextEntries("mmm_Device", 3, 1)] })).Expect();
        Assert.Equal(3, next.Entries![0].IndexContainer);
        Assert.Equal(4, embedded.Store.Entries(Alice, "mmm_Device").Count);
    }

    [Fact]
    public async Task A_service_on_the_memory_store_cannot_be_restarted()
    {
        await using var embedded = await EmbeddedService.StartAsync(new EmbeddedServiceOptions());
        var error = await Assert.ThrowsAsync<InvalidOperationException>(embedded.RestartAsync);
        Assert.Contains("durable store", error.Message);
        using var client = new MeshClient(embedded.Host.CreateHandler(), embedded.Host.ServiceUri!);
        Assert.Equal(201, (await client.HelloAsync()).Status); // still serving
    }

    static Task<DiscoveredClient> ConnectAsync(EmbeddedService embedded) =>
        DiscoveredClient.ConnectAsync(Alice, embedded.Dns.EndPoint, embedded.Host.Certificate is null ? DiscoveryOptions.Http : DiscoveryOptions.Https,
            new MeshClientOptions { Layout = BinaryLayout.Unwrapped }, embedded.Host.Certificate?.GetCertHashString());

    public void Dispose()
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}
