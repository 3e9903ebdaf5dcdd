using System.Net.Sockets;
using System.Text;
using Mesh.Hosting;
using Mesh.Service.Storage;

namespace Mesh.Service.Tests;

/// <summary>Stopping the host while clients hold requests half sent (a restart, or serve stopped with Ctrl-C).</summary>
public class HostStopTests
{
    [Fact]
    public async Task A_request_left_half_sent_holds_a_stop_no_longer_than_the_grace()
    {
        var host = await MeshHost.StartAsync(new MeshService(new ServiceOptions(), new MemoryStore()), new MeshHostOptions());
        var stalled = new List<TcpClient>();
        try
        {
            for (var i = 0; i < 4; i++)
            {
                var tcp = new TcpClient();
                stalled.Add(tcp);
                await tcp.ConnectAsync("127.0.0.1", host.Port);
                var stream = tcp.GetStream();
                await stream.WriteAsync(Encoding.ASCII.GetBytes(
                    $"POST {MeshHttpBinding.WellKnownPath} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\nExpect: 100-continue\r\n\r\n"));
                // The host answers 100 Continue only once the service reads the body: from then on the request is in flight.
                await ExpectContinueAsync(stream);
                await stream.WriteAsync(Encoding.ASCII.GetBytes("{\"Hello\":"));
            }
            // docs/service.md: a stop waits at most 5 s for requests in flight (without a bound the host waits its default
            // 30 s); the margin over the 5 s is for a loaded machine.
            var limit = TimeSpan.FromSeconds(5) * 4;
            var stop = host.DisposeAsync().AsTask();
            var finished = await Task.WhenAny(stop, Task.Delay(limit));
            Assert.True(finished == stop, $"the host was still stopping {limit} after it was asked to, held by requests half sent");
            await stop;
        }
        finally
        {
            foreach (var tcp in stalled) tcp.Dispose();
        }
    }

    static async Task ExpectContinueAsync(NetworkStream stream)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var received = new StringBuilder();
        var buffer = new byte[256];
        while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            Assert.True(read > 0, $"the host closed the connection before reading the body; it sent: {received}");
            received.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
        Assert.StartsWith("HTTP/1.1 100 ", received.ToString());
    }
}
