using System.Net.Http.Headers;
using Mesh.Client.Accounts;
using Mesh.Conformance.Clients;
using Mesh.Conformance.Drivers;
using Mesh.Conformance.Targets;
using Mesh.Dns.Discovery;
using Mesh.Wire.Json;
using Mesh.Wire.Messages;

namespace Mesh.Conformance.Tests.Targets;

/// <summary>serve --record and check-client: the reference client is judged clean, a careless one is not.</summary>
public sealed class ClientCheckTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("mesh-record").FullName;

    [Fact]
    public async Task The_reference_client_passes_every_check()
    {
        await using (var service = await EmbeddedService.StartAsync(new EmbeddedServiceOptions { RecordFolder = folder }))
        {
            using var discovered = await DiscoveredClient.ConnectAsync("alice@example.com", service.Dns.EndPoint, DiscoveryOptions.Http);
            var client = discovered.Client;
            (await client.HelloAsync()).Expect();
            (await client.CreateAccountAsync(MeshAccountKeys.FromSeed("alice").CreateRequest("alice@example.com", BinaryLayout.Unwrapped))).Expect();
            (await client.StatusAsync(new StatusRequest { Account = "alice@example.com" })).Expect();
            (await client.ConnectAsync(MeshDeviceKeys.FromSeed("phone").ConnectRequest("alice@example.com", new byte[16], BinaryLayout.Unwrapped))).Expect();
        }
        var recording = ClientRecording.Read(folder);
        Assert.Equal(4, recording.Requests.Count);
        var results = ClientChecker.Check(recording);
        Assert.All(results, r => Assert.True(r.Verdict == Verdict.Pass, $"{r.Key}: expected {r.Expected}, got {r.Actual}"));
        Assert.Contains(results, r => r.Id == "client-envelope-signatures");
        Assert.Contains(results, r => r.Id == "client-discovers-by-srv");
    }

    [Fact]
    public async Task A_careless_client_is_caught_request_by_request()
    {
        await using (var service = await EmbeddedService.StartAsync(new EmbeddedServiceOptions { RecordFolder = folder }))
        {
            using var http = new HttpClient(service.Host.CreateHandler());
            async Task Send(HttpMethod method, string path, string body, string type)
            {
                var message = new HttpRequestMessage(method, new Uri(service.Host.BaseUri!, path)) { Content = new StringContent(body) };
                message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
                using var _ = await http.SendAsync(message);
            }
            await Send(HttpMethod.Post, "/mesh", "{\"Hello\": {}}", "text/plain");
            await Send(HttpMethod.Post, "/.well-known/mmm/", "{\"Status\": {\"Extension\": 1}}", "application/json");
        }
        var failed = ClientChecker.Check(ClientRecording.Read(folder)).Where(r => r.Verdict != Verdict.Pass).Select(r => r.Key).ToList();
        Assert.Contains("client-discovers-by-srv", failed);
        Assert.Contains("request-1.client-well-known-path", failed);
        Assert.Contains("request-1.client-content-type", failed);
        Assert.Contains("request-1.client-host-header", failed);
        Assert.Contains("request-2.client-no-unknown-members", failed);
        Assert.Contains("request-2.client-names-account", failed);
        Assert.DoesNotContain("request-2.client-well-known-path", failed);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
