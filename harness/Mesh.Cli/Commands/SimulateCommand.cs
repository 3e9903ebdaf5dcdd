using System.CommandLine;
using System.Globalization;
using Mesh.Conformance.Simulation;
using Mesh.Service.Faults;
using Spectre.Console;

namespace Mesh.Cli.Commands;

/// <summary>
/// <c>simulate</c>: a seeded population of accounts and devices driven through the protocol under faults, with the
/// invariants checked as it runs; <c>--replay</c> runs a saved schedule again, <c>--shrink</c> cuts a failing one down.
/// Exit 0 every invariant held, 1 one broke, 2 the simulation could not run.
/// </summary>
public static class SimulateCommand
{
    public static Command Create()
    {
        var accounts = new Option<int>("--accounts") { Description = "Accounts in the population", DefaultValueFactory = _ => 4 };
        var devices = new Option<int>("--devices-per-account") { Description = "Devices of each account, the administrator device included", DefaultValueFactory = _ => 3 };
        var steps = new Option<int>("--steps") { Description = "Scheduled steps", DefaultValueFactory = _ => 200 };
        var seed = SeedOption.Number("Seed of the schedule, the keys and every fault decision");
        var faults = new Option<string>("--faults") { Description = $"all, none, or name[=rate],… of: {string.Join(", ", SimFaults.All.Select(f => f.Name))}", DefaultValueFactory = _ => "none" };
        var target = new Option<string>("--target") { Description = "embedded (the reference service on loopback), or the URL of a service", DefaultValueFactory = _ => "embedded" };
        var store = new Option<string>("--store") { Description = "memory, or a folder for the embedded service's durable file store", DefaultValueFactory = _ => "memory" };
        var encapsulation = new Option<string>("--encapsulation") { Description = "dare (requests authenticated by device; needed to check that unconnected devices are refused) or none (bare JSON)", DefaultValueFactory = _ => "dare" };
        encapsulation.AcceptOnlyFromAmong("dare", "none");
        var accountDomain = new Option<string?>("--account-domain") { Description = "Domain of the accounts on a foreign service (default: the URL's host less a leading mmm.)" };
        var pin = new Option<string?>("--pin") { Description = "The only TLS certificate a foreign service may present (SHA-1 hash, as serve --tls prints)" };
        var concurrency = new Option<int>("--concurrency") { Description = "Steps of different accounts in flight at once", DefaultValueFactory = _ => 8 };
        var serviceFault = new Option<string?>("--service-fault") { Description = "Have the embedded service commit one deviation (see serve --list-faults), to watch the invariants catch it" };
        var replay = new Option<string?>("--replay") { Description = "Run the schedule in this file (a schedule.json from an earlier report) instead of drawing one" };
        var shrink = new Option<bool>("--shrink") { Description = "When an invariant breaks, shrink the schedule to a short one that still breaks it (shrunk-schedule.json)" };
        var report = new Option<string>("--report") { Description = "Folder for report.json, report.html, throughput.svg and schedule.json", DefaultValueFactory = _ => "sim-report" };
        var command = new Command("simulate", "Drive a seeded population of accounts and devices through the protocol under faults, and check the invariants")
        {
            accounts, devices, steps, seed, faults, target, store, encapsulation, accountDomain, pin, concurrency, serviceFault, replay, shrink, report,
        };
        command.SetAction(async (parse, cancel) =>
        {
            FaultPlan plan;
            try { plan = FaultPlan.Parse(parse.GetValue(faults)); }
            catch (FormatException e) { return Refuse(e.Message); }
            Uri? url = null;
            var targetText = parse.GetValue(target)!;
            if (targetText != "embedded" && !(Uri.TryCreate(targetText, UriKind.Absolute, out url) && url.Scheme is "http" or "https"))
                return Refuse($"--target must be embedded or an http or https URL, not '{targetText}'");
            var fault = parse.GetValue(serviceFault);
            if (fault is not null && !ServiceFaults.IsKnown(fault)) return Refuse($"unknown service fault '{fault}' (serve --list-faults lists them)");
            if (fault is not null && url is not null) return Refuse("--service-fault needs the embedded service");
            if (parse.GetValue(accounts) < 1 || parse.GetValue(devices) < 1 || parse.GetValue(steps) < 0) return Refuse("--accounts and --devices-per-account must be at least 1, --steps at least 0");
            var storeText = parse.GetValue(store)!;
            var options = new SimulationOptions
            {
                Accounts = parse.GetValue(accounts),
                DevicesPerAccount = parse.GetValue(devices),
                Steps = parse.GetValue(steps),
                Seed = parse.GetValue(seed),
                Faults = plan,
                Target = url,
                AccountDomain = parse.GetValue(accountDomain),
                Pin = parse.GetValue(pin),
                StoreFolder = storeText == "memory" ? null : Path.GetFullPath(storeText),
                Encapsulation = parse.GetValue(encapsulation) == "dare",
                Concurrency = Math.Max(1, parse.GetValue(concurrency)),
                ServiceFault = fault,
            };
            Schedule? schedule = null;
            if (parse.GetValue(replay) is { } replayFile)
            {
                try { schedule = Schedule.Load(replayFile); }
                catch (Exception e) when (e is FormatException or IOException) { return Refuse(e.Message); }
            }
            var folder = parse.GetValue(report)!;
            if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 160;

            SimulationResult result;
            Schedule ran;
            try { (result, ran) = await RunWithProgress(options, schedule, cancel); }
            catch (Exception e) when (e is HttpRequestException or Mesh.Client.MeshClientException or IOException)
            {
                return Refuse($"the simulation could not run: {e.Message}");
            }
            if (result.Outcomes.Count > 0 && !result.Outcomes.Any(o => o.Kind == nameof(StepKind.CreateAccount) && o.Outcome == "created"))
            {
                var first = result.Outcomes.FirstOrDefault(o => o.Kind == nameof(StepKind.CreateAccount));
                return Refuse($"no account could be created, so nothing was simulated (first CreateAccount: {first?.Outcome ?? "none scheduled"}); a foreign service may need --account-domain");
            }
            Directory.CreateDirectory(folder);
            ran.Save(Path.Combine(folder, "schedule.json"));
            SimulationReport.WriteAll(result, folder);
            Show(result);
            AnsiConsole.MarkupLine($"[grey]report: {Markup.Escape(Path.Combine(folder, "report.html"))}; replay: ./run-conformance.sh simulate --replay {Markup.Escape(Path.Combine(folder, "schedule.json"))}[/]");
            if (result.Held) return 0;

            // The invariant broken first is nearest the cause; the others often follow from it.
            var broken = result.Invariants.Where(i => i.State == InvariantState.Broken).OrderBy(i => i.FirstBrokenStep).FirstOrDefault();
            if (parse.GetValue(shrink) && broken is not null)
            {
                AnsiConsole.MarkupLine($"[grey]shrinking the schedule while it still breaks {broken.Name}…[/]");
                var shrunk = await Shrinker.ShrinkAsync(options, ran, result, broken.Name, progress: line => AnsiConsole.MarkupLine($"[grey]  {Markup.Escape(line)}[/]"), cancel: cancel);
                var shrunkFile = Path.Combine(folder, "shrunk-schedule.json");
                shrunk.Schedule.Save(shrunkFile);
                AnsiConsole.MarkupLine($"[red]{broken.Name}[/] still breaks with [bold]{shrunk.Schedule.Steps.Count}[/] of {ran.Steps.Count} steps ({shrunk.Runs} runs): {Markup.Escape(shrunkFile)}");
                foreach (var step in shrunk.Schedule.Steps) AnsiConsole.WriteLine("  " + step);
                var detail = shrunk.Result.Invariants.First(i => i.Name == broken.Name);
                AnsiConsole.MarkupLine($"  [red]at step {detail.FirstBrokenStep}:[/] {Markup.Escape(detail.Detail ?? "")}");
            }
            return 1;
        });
        return command;
    }

    static int Refuse(string message)
    {
        Console.Error.WriteLine($"simulate: {message}");
        return 2;
    }

    static async Task<(SimulationResult, Schedule)> RunWithProgress(SimulationOptions options, Schedule? schedule, CancellationToken cancel)
    {
        await using var simulator = new Simulator(options, schedule);
        var total = simulator.Schedule.Steps.Count;
        AnsiConsole.MarkupLine($"[grey]{simulator.Schedule.Accounts} accounts × {simulator.Schedule.DevicesPerAccount} devices, {total} steps, seed {simulator.Schedule.Seed}, faults {Markup.Escape(simulator.Schedule.Faults)}, {(simulator.Schedule.Encapsulation ? "DARE encapsulation" : "bare JSON")}[/]");
        if (!Console.IsOutputRedirected)
        {
            var result = await AnsiConsole.Progress().AutoClear(true).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask("simulating", maxValue: Math.Max(1, total));
                    return await simulator.RunAsync((done, _) => task.Value = done, cancel);
                });
            return (result, simulator.Schedule);
        }
        var reported = 0;
        var plain = await simulator.RunAsync((done, all) =>
        {
            // A line per tenth of the run in logs.
            if (all > 0 && done * 10 / all > reported) Console.WriteLine($"[{done}/{all}] steps done");
            reported = all == 0 ? 0 : done * 10 / all;
        }, cancel);
        return (plain, simulator.Schedule);
    }

    static void Show(SimulationResult result)
    {
        var invariants = new Table().AddColumns("invariant", "result", "checks", "first broken at", "detail");
        foreach (var i in result.Invariants)
        {
            var state = i.State switch
            {
                InvariantState.Held => "[green]HELD[/]",
                InvariantState.Broken => $"[red]BROKEN ×{i.Violations}[/]",
                _ => "[grey]NOT CHECKED[/]",
            };
            invariants.AddRow(i.Name, state, i.Checks.ToString(CultureInfo.InvariantCulture), i.FirstBrokenStep is { } s ? $"step {s}" : "", Markup.Escape(i.Detail ?? i.Reason ?? ""));
        }
        AnsiConsole.Write(invariants);
        var transactions = new Table().AddColumns("transaction", "outcome", "count");
        foreach (var t in result.Transactions) transactions.AddRow(t.Transaction, Markup.Escape(t.Outcome), t.Count.ToString(CultureInfo.InvariantCulture));
        AnsiConsole.Write(transactions);
        if (result.Faults.Count > 0)
        {
            var faults = new Table().AddColumns("fault", "rate", "injected", "chances", "");
            foreach (var f in result.Faults)
                faults.AddRow(f.Fault, f.Rate.ToString("0.###", CultureInfo.InvariantCulture), f.Injected.ToString(CultureInfo.InvariantCulture), f.Chances.ToString(CultureInfo.InvariantCulture), Markup.Escape(f.NotApplicable ?? ""));
            AnsiConsole.Write(faults);
        }
        AnsiConsole.MarkupLine($"{result.StepsRun} steps in {result.Rounds} rounds, {result.TransactionCount} transactions in {result.Elapsed.TotalSeconds:0.0} s ({result.PerSecond:0} per second); {result.ConnectedDevices} devices connected, {result.Entries} entries held");
        AnsiConsole.MarkupLine($"state digest [bold]{result.StateDigest}[/]");
        AnsiConsole.MarkupLine($"trace digest [bold]{result.TraceDigest}[/]");
        var broken = result.Invariants.Count(i => i.State == InvariantState.Broken);
        AnsiConsole.MarkupLine(broken == 0 ? "[green]every invariant held[/]" : $"[red]{broken} invariant(s) broken[/]");
    }
}
