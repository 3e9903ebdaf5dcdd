using System.CommandLine;
using Mesh.Conformance.Drivers;
using Mesh.Conformance.Reports;
using Mesh.Conformance.Runner;
using Mesh.Conformance.Scenarios;
using Mesh.Conformance.Targets;
using Mesh.Conformance.Vectors;
using Spectre.Console;

namespace Mesh.Cli.Commands;

/// <summary>
/// <c>run</c> (the default of run-conformance.sh): the whole suite against the embedded reference service,
/// with progress, a table per feature, and conformance-report/ (report.json, junit.xml, report.html).
/// Exit 0 when every MUST scenario passes, 1 when one fails, 2 when the suite could not run.
/// </summary>
public static class RunCommand
{
    public static Command Create()
    {
        var profile = new Option<string?>("--profile") { Description = "draft-03, reference or all (default: all for the embedded service; a target is judged in one, draft-03 unless said)" };
        var encapsulation = new Option<string>("--encapsulation") { Description = "none (skip @encapsulation scenarios) or dare", DefaultValueFactory = _ => "dare" };
        var tags = new Option<string[]>("--tags") { Description = "Only scenarios with one of these tags (e.g. must, spec:7.3)", AllowMultipleArgumentsPerToken = true };
        var scenario = new Option<string?>("--case") { Description = "Only this scenario id" };
        var list = new Option<bool>("--list") { Description = "Print the scenario ids with their sections and levels, and stop" };
        var report = new Option<string>("--report") { Description = "Report folder", DefaultValueFactory = _ => "conformance-report" };
        var coverage = new Option<bool>("--coverage") { Description = "Also collect code coverage and render it into the report folder" };
        var strict = new Option<bool>("--strict") { Description = "A broken SHOULD fails the run instead of warning" };
        var baseline = new Option<string?>("--baseline") { Description = "Expected failures, one scenario key (or 'key [profile]') a line; a listed scenario that passes fails the run" };
        var fault = new Option<string?>("--fault") { Description = "Have the embedded service commit this catalogue fault (see faults); vectors are then not compared" };
        var variation = new Option<string[]>("--variation") { Description = "Judge over the wire a reference service taking these conforming variations (see variations)", AllowMultipleArgumentsPerToken = true };
        var target = UrlOption.Create("--target", "Judge the Mesh service at this URL instead of the embedded one (vectors are then not compared)");
        var domain = new Option<string?>("--domain") { Description = "Judge the Mesh service found through DNS for this domain (with --dns)" };
        var dns = new Option<string?>("--dns") { Description = "The DNS server HOST:PORT discovery asks" };
        var http = new Option<bool>("--http") { Description = "Discover plain http endpoints (a service without TLS)" };
        var pin = new Option<string?>("--pin") { Description = "SHA-1 thumbprint of the only TLS certificate to accept (serve --tls prints it)" };
        var accountDomain = new Option<string?>("--account-domain") { Description = "The domain the target holds accounts for (default: --domain, or example.com)" };
        var command = new Command("run", "Run the conformance suite against the embedded reference service, or a target")
        {
            profile, encapsulation, tags, scenario, list, report, coverage, fault, variation, strict, baseline, target, domain, dns, http, pin, accountDomain,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var judgesTarget = parse.GetValue(target) is not null || parse.GetValue(domain) is not null || parse.GetValue(variation) is { Length: > 0 };
            if (judgesTarget && parse.GetValue(profile) == "all")
            {
                Console.Error.WriteLine("run: a target is judged in one profile: --profile draft-03 or --profile reference");
                return 2;
            }
            var chosen = parse.GetValue(profile) ?? (judgesTarget ? "draft-03" : "all");
            var options = new RunOptions
            {
                Profile = chosen == "all" ? null : chosen,
                Encapsulation = parse.GetValue(encapsulation) != "none",
                Tags = parse.GetValue(tags) ?? [],
                Case = parse.GetValue(scenario),
                ReportFolder = parse.GetValue(report)!,
                Coverage = parse.GetValue(coverage),
                Fault = parse.GetValue(fault),
                Strict = parse.GetValue(strict),
            };
            if (parse.GetValue(target) is not null || parse.GetValue(domain) is not null)
            {
                if (ForeignTargetOf(parse.GetValue(target), parse.GetValue(domain), parse.GetValue(dns), parse.GetValue(http), parse.GetValue(pin), parse.GetValue(accountDomain)) is not { } foreign) return 2;
                options = options with { Target = foreign };
            }
            else if (parse.GetValue(variation) is { Length: > 0 } variations) return await RunWithVariations(options, variations, parse.GetValue(list), parse.GetValue(baseline), cancel);
            return await Run(options, parse.GetValue(list), parse.GetValue(baseline), cancel);
        });
        return command;
    }

    /// <summary>
    /// <c>run --variation</c>: the reference service taking the variations starts in this process and the suite judges
    /// it as a foreign target, by the wire alone, as <c>serve --variation</c> would be judged.
    /// </summary>
    static async Task<int> RunWithVariations(RunOptions options, string[] variations, bool listOnly, string? baselineFile, CancellationToken cancel)
    {
        Mesh.Service.ServiceOptions service;
        try { service = Mesh.Service.Variations.VariationSettings.Take(new Mesh.Service.ServiceOptions { Fault = options.Fault }, variations); }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"run: {e.Message}");
            return 2;
        }
        if (options.Profile == "reference") service = service with { Profile = Mesh.Service.ProtocolProfile.Reference };
        await using var embedded = await EmbeddedService.StartAsync(new EmbeddedServiceOptions { Service = service });
        var foreign = new ForeignTarget { Domain = embedded.Domain, Dns = embedded.Dns.EndPoint, Http = true, Run = ForeignTarget.NewRun() };
        return await Run(options with { Target = foreign, Fault = null }, listOnly, baselineFile, cancel);
    }

    /// <summary>The target of the options, or null (said on stderr) when they do not name one properly.</summary>
    static ForeignTarget? ForeignTargetOf(Uri? url, string? domain, string? dns, bool http, string? pin, string? accountDomain)
    {
        if (url is not null && domain is not null)
        {
            Console.Error.WriteLine("run: give either --target URL or --domain D --dns HOST:PORT, not both");
            return null;
        }
        if (domain is not null && dns is null)
        {
            Console.Error.WriteLine("run: --domain needs --dns HOST:PORT, the DNS server that announces the service");
            return null;
        }
        if (url is not null && accountDomain is null && System.Net.IPAddress.TryParse(url.Host.Trim('[', ']'), out _))
        {
            Console.Error.WriteLine("run: --target names an address, not a domain: say which domain the target holds accounts for with --account-domain");
            return null;
        }
        System.Net.IPEndPoint? resolver = null;
        try { if (dns is not null) resolver = Mesh.Dns.ResolverFactory.ParseEndPoint(dns); }
        catch (FormatException e)
        {
            Console.Error.WriteLine($"run: --dns: {e.Message}");
            return null;
        }
        return new ForeignTarget
        {
            Url = url,
            Domain = domain,
            Dns = resolver,
            Http = http,
            Pin = pin,
            AccountDomain = accountDomain,
            Run = ForeignTarget.NewRun(),
        };
    }

    public static async Task<int> Run(RunOptions options, bool listOnly, string? baselineFile, CancellationToken cancel)
    {
        if (baselineFile is not null && !File.Exists(baselineFile))
        {
            Console.Error.WriteLine($"run: baseline file '{baselineFile}' does not exist");
            return 2;
        }
        if (options.Profile is not null and not ("draft-03" or "reference"))
        {
            Console.Error.WriteLine($"run: unknown profile '{options.Profile}': use draft-03, reference or all");
            return 2;
        }
        if (options.Fault is not null && !Mesh.Service.Faults.ServiceFaults.IsKnown(options.Fault))
        {
            Console.Error.WriteLine($"run: unknown fault '{options.Fault}': ./run-conformance.sh faults lists them");
            return 2;
        }
        if (Repository.Features is not { } features)
        {
            Console.Error.WriteLine("run: the scenarios' features/ folder is neither in a MeshConformance checkout nor beside the CLI; run ./run-conformance.sh from a checkout, or install the mesh-conformance tool");
            return 2;
        }
        if (options.Coverage && Repository.Root is null)
        {
            // coverlet instruments the checkout's build under dotnet test: the installed tool has neither
            Console.Error.WriteLine("run: --coverage needs a MeshConformance checkout (it runs the scenarios under dotnet test with coverlet)");
            return 2;
        }
        var selected = SuiteRunner.Select(FeatureCatalog.Load(features), options);
        if (listOnly)
        {
            foreach (var e in selected)
                Console.WriteLine($"{e.Key,-48} {e.Profile,-10} §{e.Spec,-6} {e.Level.ToString().ToUpperInvariant(),-6} {e.Title}");
            Console.WriteLine($"{selected.Count} scenario runs");
            return 0;
        }
        if (selected.Count == 0)
        {
            Console.Error.WriteLine("run: no scenario matches the selection");
            return 2;
        }

        var started = DateTimeOffset.UtcNow;
        if (options.Target is { } foreign && await foreign.CheckAsync(TimeSpan.FromSeconds(10)) is { } unreachable)
        {
            if (unreachable.Announced is null)
            {
                Console.Error.WriteLine($"run: {unreachable.Reason}");
                return 2;
            }
            // The DNS answered, and what it announced is not a Mesh service: that is the target's discovery failing.
            var failed = new SuiteReport($"{foreign.Describe()}: discovery leads to no Mesh service", [options.Profile ?? "draft-03"], started, TimeSpan.Zero,
                [DiscoveryFailure(options.Profile ?? "draft-03", unreachable)], Traces: false);
            failed.WriteAll(options.ReportFolder);
            Print(failed, options.ReportFolder);
            return 1;
        }

        RunOutcome outcome;
        var interactive = !Console.IsOutputRedirected;
        if (interactive)
        {
            outcome = await AnsiConsole.Progress().AutoClear(true).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask($"running {selected.Count} scenarios", maxValue: selected.Count);
                    return await SuiteRunner.RunAsync(options, result =>
                    {
                        task.Increment(1);
                        if (result.Verdict is Verdict.Fail or Verdict.Warn)
                            AnsiConsole.MarkupLine($"[{(result.Verdict == Verdict.Fail ? "red" : "darkorange")}]{result.Verdict.ToString().ToUpperInvariant()}[/] {Markup.Escape(result.Key)} [grey][[{result.Profile}]][/] {Markup.Escape(result.Title)}");
                    }, cancel);
                });
        }
        else
        {
            var done = 0;
            outcome = await SuiteRunner.RunAsync(options, result =>
                Console.WriteLine($"[{++done}/{selected.Count}] {result.Verdict.ToString().ToUpperInvariant(),-4} {result.Key} [{result.Profile}] {result.Title}"), cancel);
        }

        if (outcome.Results.Count == 0)
        {
            Console.Error.WriteLine("run: the suite did not run. xunit said:");
            Console.Error.WriteLine(string.Join("\n", outcome.Output.Split('\n').TakeLast(30)));
            return 2;
        }
        var suite = new SuiteReport(options.Target is { } judged ? $"{judged.Describe()}, accounts in {judged.AccountDomain} (wire checks only; steps that need the reference service's internals skip)"
            : "embedded reference service (loopback HTTP, mock DNS)" + (options.Fault is null ? "" : $" committing fault {options.Fault}"),
            options.Profile is null ? ["draft-03", "reference"] : [options.Profile], started, outcome.Duration, outcome.Results,
            baselineFile is null ? null : BaselineCheck.Load(baselineFile, outcome.Results), Traces: true);
        suite.WriteAll(options.ReportFolder);
        var covered = !options.Coverage || await Coverage.RenderAsync(options.ReportFolder, cancel);
        Print(suite, options.ReportFolder);
        var missing = selected.Count - outcome.Results.Count;
        if (missing > 0) AnsiConsole.MarkupLine($"[yellow]{missing} selected scenario run(s) reported no result[/]");
        // Coverage asked for and not produced is a run that could not do what it was told, whatever the verdicts.
        if (!covered) return 2;
        return suite.Conforms && missing == 0 ? 0 : 1;
    }

    /// <summary>The verdict on a target whose SRV and TXT records (draft §4.1, §4.2.3) lead nowhere: discovery-srv fails, naming them.</summary>
    static ScenarioResult DiscoveryFailure(string profile, ProbeFailure failure) => new(
        "discovery-srv", "discovery-srv", "The client follows the SRV record of _mmm._tcp to the service", "Discovery", "4.1", "must", profile, Verdict.Fail, 0,
        Requirement: "draft §4.1: the service is found through the SRV record of _mmm._tcp and the TXT path attribute",
        Expected: "a Mesh service answering Hello at the announced endpoint", Actual: failure.Reason, Message: failure.Reason);

    static void Print(SuiteReport suite, string folder)
    {
        static string Cell(int count, string color) => count > 0 ? $"[{color}]{count}[/]" : "0";
        var table = new Table().AddColumns("feature", "pass", "fail", "warn", "info", "unsupported", "skip");
        foreach (var f in suite.Features)
            table.AddRow(Markup.Escape(f.Name), Cell(f.Passed, "green"), Cell(f.Failed, "red"), Cell(f.Warned, "darkorange"), Cell(f.Informational, "blue"), Cell(f.Unsupported, "yellow"), Cell(f.Skipped, "yellow"));
        AnsiConsole.Write(table);
        foreach (var failure in suite.Scenarios.Where(s => s.Verdict is Verdict.Fail or Verdict.Warn))
        {
            var expected = suite.Baseline?.Expects(failure) == true ? " (expected: baseline)" : "";
            AnsiConsole.MarkupLine($"[red]{failure.Verdict.ToString().ToUpperInvariant()} {Markup.Escape(failure.Key)}[/] [[{failure.Profile}]] §{failure.Spec} {failure.Level.ToUpperInvariant()}: {Markup.Escape(failure.Title)}{expected}");
            AnsiConsole.WriteLine("  " + (failure.Requirement is null ? failure.Message : $"{failure.Requirement}\n  expected: {failure.Expected}\n  actual:   {failure.Actual}")?.Replace("\n", "\n  "));
            AnsiConsole.WriteLine($"  trace: {Path.Combine(SuiteRunner.TracesFolder(folder), failure.Profile, failure.Key)}");
        }
        foreach (var stale in suite.Baseline?.Stale ?? []) AnsiConsole.MarkupLine($"[red]STALE baseline entry[/] {Markup.Escape(stale)}: it passes now; remove it from the baseline");
        var s = suite.Summary;
        AnsiConsole.MarkupLine($"{s.Passed} passed, {s.Failed} failed, {s.Warned} warnings, {s.Informational} informational, {s.Unsupported} unsupported, {s.Skipped} skipped in {suite.Duration.TotalSeconds:0.0} s ({suite.ScenariosPerSecond:0.0} scenarios/s)");
        AnsiConsole.MarkupLine(suite.Conforms ? "[green]Conforms: no requirement failed.[/]" : $"[red]Does not conform: {suite.CountedFailures.Count} failure(s), {suite.Baseline?.Stale.Count ?? 0} stale baseline entr(ies).[/]");
        AnsiConsole.MarkupLine($"Reports: {Path.Combine(folder, "report.html")}, report.json, junit.xml");
    }
}
