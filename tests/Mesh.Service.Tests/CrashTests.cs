using Mesh.Conformance.Hostile;
using Xunit.Abstractions;

namespace Mesh.Service.Tests;

/// <summary>A bounded crash run: serve killed with SIGKILL under concurrent writers, restarted on its store (the long run: <c>crash</c>).</summary>
public sealed class CrashTests(ITestOutputHelper output) : IDisposable
{
    readonly string folder = Path.Combine(Path.GetTempPath(), "mesh-crash-test-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task No_acknowledged_entry_is_lost_and_no_request_half_applied_across_kills()
    {
        var serve = new[] { "dotnet", Path.Combine(AppContext.BaseDirectory, "mesh-conformance.dll"), "serve" };
        var report = await CrashRun.RunAsync(new CrashOptions(serve, folder, Cycles: 3, Seed: 12, Writers: 2), output.WriteLine);
        Assert.Equal(3, report.Cycles.Count);
        Assert.True(report.Cycles[^1].AcknowledgedTotal > 0, "the writers got nothing acknowledged: the run proved nothing");
        Assert.Equal(0, report.Lost);
        Assert.Equal(0, report.HalfApplied);
        Assert.Equal(0, report.Refused);
    }

    public void Dispose()
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}
