using System.Net.Sockets;
using System.Text;
using Mesh.Client.Accounts;
using Mesh.Service.Storage;
using Mesh.Wire.Json;
using Mesh.Wire.Messages;

namespace Mesh.Service.Tests;

/// <summary>A host that serves another service (the suite keeps hosts between scenarios) leaves nothing of the one before.</summary>
public sealed class HostReuseTests
{
    static readonly string Status = Encoding.UTF8.GetString(Wire.Model.WireSerializer.Encode(new StatusRequest { Account = "alice@example.com" }, WireEncoding.Json));

    [Fact]
    public async Task After_Serve_a_new_connection_reaches_the_new_service_and_an_old_one_is_closed()
    {
        await using var harness = await ServiceHarness.StartAsync();
        (await harness.Client.CreateAccountAsync(MeshAccountKeys.FromSeed("alice").CreateRequest("alice@example.com", BinaryLayout.Unwrapped))).Expect();

        using var earlier = new TcpClient();
        await earlier.ConnectAsync("127.0.0.1", harness.Host.Port);
        var stream = earlier.GetStream();
        var first = await Post(stream, Status);
        Assert.True(first.StartsWith("HTTP/1.1 200", StringComparison.Ordinal), first);

        harness.Host.Serve(new MeshService(new ServiceOptions(), new MemoryStore()));

        // The connection opened for the first service is closed at its next request, unanswered.
        var next = await Post(stream, Status);
        Assert.Equal("", next);
        // A new connection reaches the new service, which has no account.
        using var later = new TcpClient();
        await later.ConnectAsync("127.0.0.1", harness.Host.Port);
        Assert.Contains("\"Status\": 404", await Post(later.GetStream(), Status));
    }

    /// <summary>One keep-alive POST on the connection; the answer's head and body as text, or "" when the connection closed.</summary>
    static async Task<string> Post(NetworkStream stream, string body)
    {
        var request = $"POST /.well-known/mmm/ HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}";
        try
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(request));
            var buffer = new byte[65536];
            var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            return Encoding.UTF8.GetString(buffer, 0, read);
        }
        catch (IOException) { return ""; }
    }
}
