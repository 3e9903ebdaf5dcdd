using System.Diagnostics;
using System.Net;
using Mesh.Conformance.Drivers;
using Mesh.Conformance.Reports;
using Mesh.Conformance.Runner;
using Mesh.Conformance.Targets;
using Mesh.Service;
using Mesh.Service.Faults;

namespace Mesh.Conformance.Tests.Targets;

/// <summary>
/// run --domain/--target: the suite judges a service it did not start by the wire alone. The reference service
/// conforms as a target, run after run; each catalogue fault committed by a service in another process fails
/// the suite, except the few that only the reference's internals reveal (listed, and checked to stay so).
/// </summary>
public class TargetModeTests
{
    /// <summary>Faults a wire-only run cannot see, with why: they need the stored state or a non-default service.</summary>
    public static readonly IReadOnlyDictionary<string, string> InvisibleOnTheWire = new Dictionary<string, string>
    {
        ["oversized-body-accepted"] = "caught with a small request limit, which a target's defaults do not set",
        ["dare-unauthenticated-accepted"] = DareOnly,
        ["dare-replay-accepted"] = DareOnly,
        ["dare-ticket-never-expires"] = DareOnly,
        ["dare-plaintext-accepted"] = DareOnly,
        ["dare-answer-unsigned"] = DareOnly,
    };

    const string DareOnly = "caught by the DARE encapsulation scenarios, which need a service configured for it";

    [SpecsBuiltFact]
    public async Task The_reference_service_conforms_as_a_target_run_after_run()
    {
        await using var service = await EmbeddedService.StartAsync(new EmbeddedServiceOptions { Service = new ServiceOptions { Domains = ["example.com"] } });
        foreach (var run in new[] { "first", "second" })
        {
            var results = await RunAgainst(service.Dns.EndPoint, run);
            Assert.DoesNotContain(results, r => r.Verdict is Verdict.Fail or Verdict.Warn);
            Assert.True(results.Count(r => r.Verdict == Verdict.Pass) >= 30, $"{run} run: only {results.Count(r => r.Verdict == Verdict.Pass)} scenarios judged");
            Assert.All(results.Where(r => r.Verdict == Verdict.Skip), r => Assert.StartsWith("not applicable to a foreign target", r.Message));
        }
    }

    public static TheoryData<string> Faults => new(ServiceFaults.All.Select(f => f.Name));

    [SpecsBuiltTheory]
    [MemberData(nameof(Faults))]
    public async Task A_service_in_another_process_committing_a_fault_fails_the_suite(string fault)
    {
        using var serve = await ServeProcess.StartAsync(fault);
        var failures = (await RunAgainst(serve.Dns, fault)).Where(r => r.Verdict is Verdict.Fail or Verdict.Warn).Select(r => r.Key).ToList();
        if (InvisibleOnTheWire.TryGetValue(fault, out var why))
            Assert.True(failures.Count == 0, $"{fault} is listed as invisible on the wire ({why}) but {string.Join(", ", failures)} caught it: remove it from the list");
        else
            Assert.True(failures.Count > 0, $"no scenario caught {fault} over the wire");
    }

    static async Task<IReadOnlyList<ScenarioResult>> RunAgainst(IPEndPoint dns, string run)
    {
        var folder = Directory.CreateTempSubdirectory("mesh-target").FullName;
        try
        {
            var target = new ForeignTarget { Domain = "example.com", Dns = dns, Http = true, Run = run };
            Assert.Null(await target.ProbeAsync(TimeSpan.FromSeconds(10)));
            var outcome = await SuiteRunner.RunAsync(new RunOptions
            {
                Configuration = SpecsBuiltTheoryAttribute.Configuration,
                ReportFolder = folder,
                Profile = "draft-03",
                Target = target,
            }, _ => { });
            Assert.True(outcome.Results.Count > 0, outcome.Output);
            return outcome.Results;
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    [SpecsBuiltFact]
    public async Task The_matrix_has_a_row_per_target_and_tells_them_apart()
    {
        await using var good = await EmbeddedService.StartAsync(new EmbeddedServiceOptions());
        await using var faulty = await EmbeddedService.StartAsync(new EmbeddedServiceOptions { Service = new ServiceOptions { Fault = "wrong-status-code" } });
        var folder = Directory.CreateTempSubdirectory("mesh-matrix").FullName;
        try
        {
            var file = Path.Combine(folder, "targets.json");
            File.WriteAllText(file, $$"""
                [ {"name": "good", "domain": "example.com", "dns": "{{good.Dns.EndPoint}}", "http": true},
                  {"name": "faulty", "domain": "example.com", "dns": "{{faulty.Dns.EndPoint}}", "http": true},
                  {"name": "gone", "url": "http://127.0.0.1:9/.well-known/mmm/", "accountDomain": "example.com"} ]
                """);
            var matrix = await MatrixRunner.RunAsync(MatrixTarget.Load(file),
                new RunOptions { Configuration = SpecsBuiltTheoryAttribute.Configuration, ReportFolder = Path.Combine(folder, "report") }, _ => { });
            Assert.Equal(["good", "faulty", "gone"], matrix.Rows.Select(r => r.Target));
            Assert.True(matrix.Rows[0].Conforms);
            Assert.True(matrix.Rows[1].Summary.Failed > 0);
            Assert.Contains("unreachable", matrix.Rows[2].Unreachable);
            Assert.Contains("Hello", matrix.Features);
            Assert.Contains("faulty", File.ReadAllText(Path.Combine(folder, "report", "matrix.html")));
            Assert.True(File.Exists(Path.Combine(folder, "report", "faulty", "report.json")));
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    [Fact]
    public void A_targets_file_that_names_no_service_is_refused()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "[{\"name\": \"x\", \"domain\": \"example.com\"}]");
            Assert.Contains("without the dns server", Assert.Throws<FormatException>(() => MatrixTarget.Load(file)).Message);
            File.WriteAllText(file, "[{\"name\": \"x\"}]");
            Assert.Contains("either url or domain", Assert.Throws<FormatException>(() => MatrixTarget.Load(file)).Message);
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public async Task An_unreachable_target_is_said_plainly_within_seconds()
    {
        var clock = Stopwatch.StartNew();
        var target = new ForeignTarget { Url = new Uri("http://127.0.0.1:9/.well-known/mmm/") };
        var problem = await target.ProbeAsync(TimeSpan.FromSeconds(10));
        Assert.NotNull(problem);
        Assert.Contains("unreachable", problem);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData("not an http or https URL", "run", "--target", "foo")]
    [InlineData("needs --dns", "run", "--domain", "example.com")]
    [InlineData("is unreachable", "run", "--target", "http://127.0.0.1:1/.well-known/mmm/", "--account-domain", "example.com")]
    [InlineData("Unrecognized", "run", "--no-such-option")]
    [InlineData("unknown fault 'gremlins'", "simulate", "--faults", "gremlins")]
    [InlineData("--target must be embedded or an http or https URL", "simulate", "--target", "ftp://example.com/")]
    [InlineData("no account could be created", "simulate", "--target", "http://127.0.0.1:1/.well-known/mmm/", "--steps", "3", "--encapsulation", "none")]
    public void The_cli_exits_2_when_it_cannot_run_and_says_why(string said, params string[] arguments)
    {
        var (exit, output) = ReferenceVectors.ReferenceVectorVerifierTests.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "mesh-conformance.dll"), .. arguments]);
        Assert.Equal(2, exit);
        Assert.Contains(said, output);
    }

    [Fact]
    public void Accounts_of_the_announced_domain_are_the_scenarios_own_and_others_stay()
    {
        var target = new ForeignTarget { AccountDomain = "mesh.test", Run = "r1" };
        var alice = target.Account("alice@example.com", "example.com", "draft-03/create-account-succeeds");
        Assert.Matches("^alice-[0-9a-f]{10}@mesh.test$", alice);
        Assert.NotEqual(alice, target.Account("alice@example.com", "example.com", "draft-03/status-reports-containers"));
        Assert.NotEqual(alice, (target with { Run = "r2" }).Account("alice@example.com", "example.com", "draft-03/create-account-succeeds"));
        Assert.Equal("bob@elsewhere.org", target.Account("bob@elsewhere.org", "example.com", "draft-03/x"));
    }

    /// <summary><c>serve --fault NAME</c> of the CLI this test build sits beside, in its own process, on free ports.</summary>
    sealed class ServeProcess : IDisposable
    {
        readonly Process process;

        ServeProcess(Process process, IPEndPoint dns)
        {
            this.process = process;
            Dns = dns;
        }

        public IPEndPoint Dns { get; }

        public static async Task<ServeProcess> StartAsync(string fault)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "mesh-conformance.dll"), "serve", "--fault", fault })
                start.ArgumentList.Add(argument);
            var process = Process.Start(start)!;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                const string dnsLine = "Mock DNS on ";
                if (line.StartsWith(dnsLine, StringComparison.Ordinal))
                    return new ServeProcess(process, IPEndPoint.Parse(line[dnsLine.Length..].Split(' ')[0]));
            }
            process.Kill();
            throw new InvalidOperationException($"serve --fault {fault} did not start: {await process.StandardError.ReadToEndAsync()}");
        }

        public void Dispose()
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            process.Dispose();
        }
    }
}

/// <summary>Needs the specs assembly (see <see cref="SpecsBuiltTheoryAttribute"/>).</summary>
public sealed class SpecsBuiltFactAttribute : FactAttribute
{
    public SpecsBuiltFactAttribute() => Skip = SpecsBuiltTheoryAttribute.MissingSpecs;
}
