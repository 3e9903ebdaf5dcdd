using System.Diagnostics;
using System.Net;
using Mesh.Conformance.Drivers;
using Mesh.Conformance.Reports;
using Mesh.Conformance.Runner;
using Mesh.Conformance.Targets;
using Mesh.Service;
using Mesh.Dns;
using Mesh.Hosting;
using Mesh.Service.Faults;
using Mesh.Service.Variations;

namespace Mesh.Conformance.Tests.Targets;

/// <summary>
/// run --domain/--target: the suite judges a service it did not start by the wire alone. The reference service
/// conforms as a target, run after run; a service in another process committing a fault is caught by the scenario
/// of the requirement the fault breaks, and one taking conforming variations gets no FAIL. The whole catalogues
/// run in commands: <c>faults --detect</c> (recall) and <c>variations --check</c> (precision).
/// </summary>
public class TargetModeTests
{
    /// <summary>The representative fault: it shows only in a state read back through another transaction (Status, Download).</summary>
    const string RepresentativeFault = ServiceFaults.DownloadDropsLastEntry;

    /// <summary>The representative variations, taken together by one service: JSON text, wording, identifiers, headers.</summary>
    static readonly string[] RepresentativeVariations =
        [ServiceVariations.ReversedMemberOrder, ServiceVariations.EscapedStrings, ServiceVariations.ExtraResponseHeaders, ServiceVariations.ChunkedResponses];

    [SpecsBuiltFact]
    public async Task The_reference_service_conforms_as_a_target_run_after_run_and_a_fault_in_another_process_is_caught_for_its_requirement()
    {
        IReadOnlyList<ScenarioResult> clean = [];
        await using (var service = await EmbeddedService.StartAsync(new EmbeddedServiceOptions { Service = new ServiceOptions { Domains = ["example.com"] } }))
        {
            foreach (var run in new[] { "first", "second" })
            {
                clean = await RunAgainst(service.Dns.EndPoint, run);
                Assert.DoesNotContain(clean, r => r.Verdict is Verdict.Fail or Verdict.Warn);
                Assert.True(clean.Count(r => r.Verdict == Verdict.Pass) >= 30, $"{run} run: only {clean.Count(r => r.Verdict == Verdict.Pass)} scenarios judged");
                Assert.All(clean.Where(r => r.Verdict == Verdict.Skip), r => Assert.StartsWith("not applicable to a foreign target", r.Message));
            }
        }
        using var serve = await ServeProcess.StartAsync("--fault", RepresentativeFault);
        var verdict = FaultVerdict.Judge(ServiceFaults.Named(RepresentativeFault), clean, await RunAgainst(serve.Dns, RepresentativeFault));
        Assert.True(verdict.Detected, $"{RepresentativeFault} not caught by {string.Join(", ", verdict.Fault.Breaks)}; elsewhere: {string.Join(", ", verdict.Elsewhere)}; masked: {string.Join("; ", verdict.Masked)}");
    }

    [SpecsBuiltFact]
    public async Task A_service_in_another_process_taking_conforming_variations_gets_no_failure()
    {
        using var serve = await ServeProcess.StartAsync([.. RepresentativeVariations.SelectMany(v => new[] { "--variation", v })]);
        var results = await RunAgainst(serve.Dns, "variations");
        Assert.Empty(results.Where(r => r.Verdict == Verdict.Fail).Select(r => $"{r.Key}: {r.Message}"));
        Assert.True(results.Count(r => r.Verdict == Verdict.Pass) >= 30);
    }

    [SpecsBuiltFact]
    public async Task A_target_with_a_test_clock_is_judged_on_ticket_expiry_and_one_without_skips_saying_why()
    {
        const string scenario = "dare-ticket-authentication";
        async Task<ScenarioResult> Judge(bool testClock, string? fault)
        {
            await using var service = await EmbeddedService.StartAsync(new EmbeddedServiceOptions
            {
                Service = new ServiceOptions { Domains = ["example.com"], DareEncapsulation = true, Fault = fault },
                TestClock = testClock,
            });
            return Assert.Single(await RunAgainst(service.Dns.EndPoint, $"clock-{testClock}-{fault}", scenario));
        }
        Assert.Equal(Verdict.Pass, (await Judge(testClock: true, fault: null)).Verdict);
        Assert.Equal(Verdict.Warn, (await Judge(testClock: true, ServiceFaults.DareTicketNeverExpires)).Verdict);
        var without = await Judge(testClock: false, fault: null);
        Assert.Equal(Verdict.Skip, without.Verdict);
        Assert.Contains(TestClockEndpoint.Path, without.Message);
    }

    [SpecsBuiltFact]
    public async Task A_bare_json_scenario_is_unsupported_on_a_target_that_serves_only_dare()
    {
        await using var service = await EmbeddedService.StartAsync(new EmbeddedServiceOptions
        {
            Service = new ServiceOptions { Domains = ["example.com"], DareEncapsulation = true },
        });
        var result = Assert.Single(await RunAgainst(service.Dns.EndPoint, "dare-only", "status-reports-containers"));
        Assert.Equal(Verdict.Unsupported, result.Verdict);
        Assert.Contains("DARE encapsulation only", result.Message);
    }

    static async Task<IReadOnlyList<ScenarioResult>> RunAgainst(IPEndPoint dns, string run, string? scenario = null)
    {
        var folder = Directory.CreateTempSubdirectory("mesh-target").FullName;
        try
        {
            var target = new ForeignTarget { Domain = "example.com", Dns = dns, Http = true, Run = run };
            Assert.Null(await target.ProbeAsync(TimeSpan.FromSeconds(10)));
            var outcome = await SuiteRunner.RunAsync(new RunOptions
            {
                ReportFolder = folder,
                Profile = "draft-03",
                Target = target,
                Case = scenario,
            }, _ => { });
            Assert.True(outcome.Results.Count > 0, outcome.Output);
            return outcome.Results;
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    [Fact]
    public async Task A_target_url_without_a_path_means_the_well_known_service_path()
    {
        Assert.Equal("http://127.0.0.1:8080/.well-known/mmm/", ForeignTarget.WithServicePath(new Uri("http://127.0.0.1:8080")).ToString());
        Assert.Equal("http://127.0.0.1:8080/other/", ForeignTarget.WithServicePath(new Uri("http://127.0.0.1:8080/other/")).ToString());
        await using var service = await EmbeddedService.StartAsync(new EmbeddedServiceOptions());
        var target = new ForeignTarget { Url = new Uri($"http://127.0.0.1:{service.Host.Port}"), AccountDomain = "example.com" };
        using var client = await target.ConnectAsync(new Mesh.Client.MeshClientOptions());
        var hello = await client.SendAsync<Mesh.Wire.Messages.MeshHelloResponse>(new Mesh.Wire.Messages.HelloRequest());
        Assert.Equal(201, hello.Status);
    }

    [Theory]
    [InlineData("port", "SRV 0 0 _mmm._tcp.example.com")]
    [InlineData("path", "TXT path=/no/such/path/")]
    public async Task Records_that_lead_to_no_service_are_a_discovery_failure_naming_them_not_an_unreachable_target(string wrong, string named)
    {
        await using var service = await EmbeddedService.StartAsync(new EmbeddedServiceOptions());
        var zone = new DnsZone();
        zone.AddMeshSrv("example.com", 0, 0, wrong == "port" ? (ushort)9 : (ushort)service.Host.Port, "mmm.example.com");
        zone.AddMeshTxt("example.com", "path=" + (wrong == "path" ? "/no/such/path/" : MeshHttpBinding.WellKnownPath));
        zone.AddA("mmm.example.com", IPAddress.Loopback);
        service.Dns.Zone = zone;
        var failure = await new ForeignTarget { Domain = "example.com", Dns = service.Dns.EndPoint, Http = true }.CheckAsync(TimeSpan.FromSeconds(10));
        Assert.NotNull(failure?.Announced);
        Assert.Contains(named, failure.Reason);

        var report = Directory.CreateTempSubdirectory("mesh-discovery").FullName;
        try
        {
            var (exit, output) = ReferenceVectors.ReferenceVectorVerifierTests.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "mesh-conformance.dll"),
                "run", "--domain", "example.com", "--dns", service.Dns.EndPoint.ToString(), "--http", "--report", report]);
            Assert.Equal(1, exit);
            Assert.Contains("FAIL discovery-srv", output);
            Assert.Contains(named, File.ReadAllText(Path.Combine(report, "report.json")));
        }
        finally { Directory.Delete(report, recursive: true); }
    }

    [Fact]
    public async Task No_dns_answer_at_all_is_an_unreachable_target()
    {
        await using var dns = MockDnsServer.Start(new DnsZone());
        var failure = await new ForeignTarget { Domain = "example.com", Dns = dns.EndPoint, Http = true }.CheckAsync(TimeSpan.FromSeconds(10));
        Assert.NotNull(failure);
        Assert.Null(failure.Announced);
    }

    [SpecsBuiltFact]
    public async Task The_matrix_has_a_row_per_target_and_tells_them_apart()
    {
        await using var good = await EmbeddedService.StartAsync(new EmbeddedServiceOptions());
        await using var faulty = await EmbeddedService.StartAsync(new EmbeddedServiceOptions { Service = new ServiceOptions { Fault = ServiceFaults.BadSignature } });
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
                new RunOptions { ReportFolder = Path.Combine(folder, "report") }, _ => { });
            Assert.Equal(["good", "faulty", "gone"], matrix.Rows.Select(r => r.Target));
            Assert.True(matrix.Rows[0].Conforms);
            Assert.True(matrix.Rows[1].Summary.Failed > 0);
            Assert.Contains("unreachable", matrix.Rows[2].Unreachable);
            Assert.Contains("Hello", matrix.Features);
            Assert.Contains("faulty", File.ReadAllText(Path.Combine(folder, "report", "matrix.html")));
            Assert.True(File.Exists(Path.Combine(folder, "report", "faulty", "report.json")));
            var decisions = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "report", "decisions.json"))).RootElement;
            Assert.Equal(["good", "faulty"], decisions.GetProperty("targets").EnumerateArray().Select(t => t.GetString()));
            Assert.NotEmpty(decisions.GetProperty("rows").EnumerateArray());
            var readings = decisions.GetProperty("rows").EnumerateArray().Select(row => row.GetProperty("readings").GetProperty("good").GetString()).ToList();
            Assert.Contains(DecisionMatrix.Ours, readings);
            Assert.All(readings, reading => Assert.Contains(reading, new[] { DecisionMatrix.Ours, "not judged" }));
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
    [InlineData("a target is judged in one profile", "run", "--target", "http://127.0.0.1:1/", "--account-domain", "example.com", "--profile", "all")]
    [InlineData("unknown variation 'gremlins'", "run", "--variation", "gremlins")]
    [InlineData("unknown variation 'gremlins'", "serve", "--variation", "gremlins")]
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

    [Fact]
    public void Serve_lists_the_variations_one_name_a_line()
    {
        var (exit, output) = ReferenceVectors.ReferenceVectorVerifierTests.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "mesh-conformance.dll"), "serve", "--list-variations"]);
        Assert.Equal(0, exit);
        Assert.Equal(ServiceVariations.All.Select(v => v.Name), output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    /// <summary><c>serve ARGS</c> of the CLI this test build sits beside, in its own process, on free ports.</summary>
    sealed class ServeProcess : IDisposable
    {
        readonly Process process;

        ServeProcess(Process process, IPEndPoint dns)
        {
            this.process = process;
            Dns = dns;
        }

        public IPEndPoint Dns { get; }

        public static async Task<ServeProcess> StartAsync(params string[] arguments)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            string[] all = [Path.Combine(AppContext.BaseDirectory, "mesh-conformance.dll"), "serve", .. arguments];
            foreach (var argument in all)
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
            throw new InvalidOperationException($"serve {string.Join(" ", arguments)} did not start: {await process.StandardError.ReadToEndAsync()}");
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
