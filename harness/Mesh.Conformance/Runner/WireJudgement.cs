using Mesh.Conformance.Targets;
using Mesh.Service;

namespace Mesh.Conformance.Runner;

/// <summary>
/// Judges a reference service started here with given options (a fault, variations, TLS, encapsulation) as a foreign
/// target: the suite runs in its own test process and sees the service only through DNS and HTTP, as it sees a
/// third party's. What <c>faults --detect</c>, <c>variations --check</c> and <c>run --variation</c> rest on.
/// </summary>
public static class WireJudgement
{
    /// <param name="service">The service's behaviour; its first domain is announced in the mock DNS.</param>
    /// <param name="template">Everything but the target: profile (draft-03 when not given), tags, report folder, configuration.</param>
    /// <param name="tls">Serve TLS 1.3 (the target is then discovered over https, its certificate pinned).</param>
    /// <param name="cancel">Stops the run.</param>
    /// <param name="onResult">Told of each scenario's result as it comes.</param>
    public static async Task<RunOutcome> RunAsync(ServiceOptions service, RunOptions template, bool tls = false, CancellationToken cancel = default,
        Action<Drivers.ScenarioResult>? onResult = null)
    {
        await using var embedded = await EmbeddedService.StartAsync(new EmbeddedServiceOptions { Service = service, Tls = tls, TestClock = true });
        var target = new ForeignTarget
        {
            Domain = embedded.Domain,
            Dns = embedded.Dns.EndPoint,
            Http = !tls,
            Pin = embedded.Host.Certificate?.GetCertHashString(),
            Run = ForeignTarget.NewRun(),
        };
        var options = template with { Profile = template.Profile ?? service.Profile.Name(), Target = target, Fault = null };
        return await SuiteRunner.RunAsync(options, onResult ?? (_ => { }), cancel);
    }
}
