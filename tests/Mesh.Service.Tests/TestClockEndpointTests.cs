using System.Net;
using Mesh.Hosting;
using Mesh.Service.Storage;

namespace Mesh.Service.Tests;

/// <summary>The test clock (serve --test-clock): moves the service's clock forward only, and is absent unless asked for.</summary>
public class TestClockEndpointTests
{
    [Fact]
    public async Task The_test_clock_moves_the_services_clock_forward_and_refuses_anything_else()
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var clock = new ManualClock(start);
        await using var host = await MeshHost.StartAsync(new MeshService(new ServiceOptions { Clock = clock }, new MemoryStore()), new MeshHostOptions { TestClock = clock });
        using var http = new HttpClient(host.CreateHandler());
        Uri Hook(string query) => new(host.BaseUri!, TestClockEndpoint.Path + query);

        var moved = await http.PostAsync(Hook("?advance=3600"), null);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal("2026-01-01T01:00:00.000Z", await moved.Content.ReadAsStringAsync());
        Assert.Equal(start.AddHours(1), clock.GetUtcNow());
        foreach (var query in new[] { "", "?advance=-60", "?advance=0", "?advance=1.5", "?advance=10000001" })
            Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsync(Hook(query), null)).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await http.GetAsync(Hook("?advance=60"))).StatusCode);
        Assert.Equal(start.AddHours(1), clock.GetUtcNow());
    }

    [Fact]
    public async Task A_service_without_a_test_clock_has_no_such_path()
    {
        await using var host = await MeshHost.StartAsync(new MeshService(new ServiceOptions(), new MemoryStore()), new MeshHostOptions());
        using var http = new HttpClient(host.CreateHandler());
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync(new Uri(host.BaseUri!, TestClockEndpoint.Path + "?advance=60"), null)).StatusCode);
    }

    [Fact]
    public void A_flowing_clock_is_real_time_plus_what_it_was_moved()
    {
        var clock = ManualClock.Flowing();
        clock.Advance(TimeSpan.FromHours(2));
        var ahead = clock.GetUtcNow() - DateTimeOffset.UtcNow;
        Assert.InRange(ahead, TimeSpan.FromHours(2) - TimeSpan.FromSeconds(5), TimeSpan.FromHours(2) + TimeSpan.FromSeconds(5));
    }
}
