using Mesh.Conformance.Hostile;
using Mesh.Hosting;
using Mesh.Service.Storage;
using Mesh.Wire.Crypto;
using Xunit.Abstractions;

namespace Mesh.Service.Tests;

/// <summary>A seeded sample of the hostile suite against the reference service, in both encapsulations (the full run: <c>hostile</c>).</summary>
public sealed class HostileTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("none", 200)]
    [InlineData("dare", 200)]
    public async Task The_reference_service_holds_against_a_seeded_sample(string encapsulation, int count)
    {
        var store = new MemoryStore();
        var service = new MeshService(new ServiceOptions { DareEncapsulation = encapsulation == "dare", Random = new SeededRandomSource("hostile-test") }, store);
        await using var host = await MeshHost.StartAsync(service, new MeshHostOptions());
        using var handler = host.CreateHandler();
        var report = await HostileRunner.RunAsync(new HostileTarget(host.ServiceUri!, "example.com", handler, store.Fingerprint), encapsulation, seed: 12, count);
        output.WriteLine(HostileRunner.Render(report));
        Assert.Equal(count, report.Results.Select(r => r.Case.Id).Distinct().Count());
        Assert.Equal(0, report.ServerErrors);
        Assert.Equal(0, report.StateChanges);
        Assert.Empty(report.Results.Where(r => !r.Held).Select(r => $"{r.Case.Category} {r.Case.Id}: {string.Join("; ", r.Broken)}"));
    }
}
