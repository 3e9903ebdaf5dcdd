using Mesh.Conformance.Simulation;
using Mesh.Service.Faults;
using Xunit;

namespace Mesh.Conformance.Tests.Simulation;

/// <summary>The simulator against the embedded service: repeatable, and its invariants break when the service misbehaves.</summary>
public sealed class SimulatorTests
{
    static readonly SimulationOptions Small = new() { Accounts = 3, DevicesPerAccount = 2, Steps = 60, Seed = 11, Encapsulation = false };

    static InvariantResult Invariant(SimulationResult result, string name) => result.Invariants.Single(i => i.Name == name);

    [Fact]
    public async Task The_same_seed_gives_the_same_final_state_and_trace_and_another_seed_does_not()
    {
        var options = Small with { Faults = FaultPlan.Parse("drop-request,drop-response,duplicate-request,delay,reorder,corrupt-byte,clock-skew") };
        var first = await Simulator.RunAsync(options);
        var second = await Simulator.RunAsync(options);
        var other = await Simulator.RunAsync(options with { Seed = 12 });

        Assert.True(first.Held, SimulationReport.Summary(first));
        Assert.Equal(first.StateDigest, second.StateDigest);
        Assert.Equal(first.TraceDigest, second.TraceDigest);
        Assert.Equal(first.Outcomes, second.Outcomes);
        Assert.NotEqual(first.StateDigest, other.StateDigest);
    }

    [Fact]
    public async Task A_service_that_accepts_stale_indexes_breaks_conflicts_reported_at_a_named_step()
    {
        var result = await Simulator.RunAsync(Small with { ServiceFault = ServiceFaults.StaleIndexAccepted });

        var broken = Invariant(result, Invariants.ConflictsReported);
        Assert.Equal(InvariantState.Broken, broken.State);
        Assert.NotNull(broken.FirstBrokenStep);
        Assert.Contains("stale index", broken.Detail);
        Assert.False(result.Held);
    }

    [Fact]
    public async Task A_service_that_loses_an_entry_breaks_acknowledged_entries_kept()
    {
        var result = await Simulator.RunAsync(Small with { ServiceFault = ServiceFaults.EntryLostOnUpload });

        Assert.Equal(InvariantState.Broken, Invariant(result, Invariants.AcknowledgedKept).State);
    }

    [Fact]
    public async Task A_failing_schedule_shrinks_to_a_short_one_that_replays_to_the_same_failure()
    {
        var options = Small with { ServiceFault = ServiceFaults.StaleIndexAccepted };
        var schedule = ScheduleGenerator.Generate(options);
        var failed = await Simulator.RunAsync(options, schedule);

        var shrunk = await Shrinker.ShrinkAsync(options, schedule, failed, Invariants.ConflictsReported);

        Assert.True(shrunk.Schedule.Steps.Count <= 8, string.Join("\n", shrunk.Schedule.Steps));
        Assert.True(Shrinker.Breaks(shrunk.Result, Invariants.ConflictsReported));
        var file = Path.Combine(Directory.CreateTempSubdirectory().FullName, "shrunk.json");
        shrunk.Schedule.Save(file);
        var replayed = await Simulator.RunAsync(new SimulationOptions { ServiceFault = ServiceFaults.StaleIndexAccepted }, Schedule.Load(file));
        Assert.Equal(Invariant(shrunk.Result, Invariants.ConflictsReported), Invariant(replayed, Invariants.ConflictsReported));
        Assert.Equal(shrunk.Result.TraceDigest, replayed.TraceDigest);
    }

    [Fact]
    public async Task Acknowledged_entries_survive_restarts_of_the_durable_store()
    {
        var folder = Directory.CreateTempSubdirectory("sim-store-").FullName;
        var result = await Simulator.RunAsync(Small with { StoreFolder = folder, Faults = FaultPlan.Parse("restart=0.1") });

        Assert.True(result.Held, SimulationReport.Summary(result));
        Assert.True(result.Faults.Single(f => f.Fault == SimFaults.Restart).Injected > 0);
        Assert.Contains(result.Outcomes, o => o.Outcome == "restarted");
        Assert.True(Invariant(result, Invariants.AcknowledgedKept).Checks > 0);
        Assert.NotEmpty(Directory.EnumerateFileSystemEntries(folder));
    }

    [Fact]
    public async Task Without_DARE_encapsulation_the_unconnected_device_invariant_is_not_checked_and_says_why()
    {
        var result = await Simulator.RunAsync(Small with { Steps = 10 });

        var unconnected = Invariant(result, Invariants.UnconnectedRefused);
        Assert.Equal(InvariantState.NotChecked, unconnected.State);
        Assert.Contains("bare JSON", unconnected.Reason);
    }

    [Fact]
    public async Task Under_DARE_encapsulation_devices_that_are_not_connected_are_refused()
    {
        var result = await Simulator.RunAsync(Small with { Encapsulation = true, Accounts = 2, Steps = 50, Seed = 3 });

        Assert.True(result.Held, SimulationReport.Summary(result));
        Assert.True(Invariant(result, Invariants.UnconnectedRefused).Checks > 0);
    }

    [Fact]
    public void Steps_of_one_account_never_share_a_round_and_reorder_swaps_devices_of_one_account()
    {
        var options = new SimulationOptions { Accounts = 3, DevicesPerAccount = 3, Steps = 300, Seed = 5, Faults = FaultPlan.Parse("reorder=0.5") };
        var dice = new FaultDice(options.Seed, options.Faults);
        var schedule = ScheduleGenerator.Generate(options, dice);
        var rounds = ScheduleGenerator.Rounds(schedule.Steps, dice);

        Assert.All(rounds, round => Assert.Equal(round.SelectMany(s => s.Touches).Count(), round.SelectMany(s => s.Touches).Distinct().Count() + round.Count(s => s.Other == s.Account)));
        Assert.Equal(schedule.Steps.Select(s => s.Number).Order(), rounds.SelectMany(r => r).Select(s => s.Number).Order());
        var order = rounds.SelectMany(r => r).ToList();
        Assert.Contains(order.Zip(order.Skip(1)), pair => pair.First.Number > pair.Second.Number);
        Assert.True(dice.Figures(_ => null).Single(f => f.Fault == SimFaults.Reorder).Injected > 0);
    }

    [Theory]
    [InlineData("all")]
    [InlineData("drop-request=0.5,restart")]
    [InlineData("none")]
    public void Fault_plans_read_back_as_they_were_written(string text)
    {
        var plan = FaultPlan.Parse(text);
        Assert.Equal(plan.Rates, FaultPlan.Parse(plan.ToString()).Rates);
    }

    [Theory]
    [InlineData("gremlins", "unknown fault 'gremlins'")]
    [InlineData("delay=2", "from 0 to 1")]
    public void A_bad_fault_plan_says_what_is_wrong(string text, string said) =>
        Assert.Contains(said, Assert.Throws<FormatException>(() => FaultPlan.Parse(text)).Message);

    [Fact]
    public void A_schedule_reads_back_as_it_was_saved()
    {
        var schedule = ScheduleGenerator.Generate(new SimulationOptions { Seed = 9, Faults = FaultPlan.All });
        var file = Path.Combine(Directory.CreateTempSubdirectory().FullName, "schedule.json");
        schedule.Save(file);

        var loaded = Schedule.Load(file);

        Assert.Equal(schedule.Steps, loaded.Steps);
        Assert.Equal(schedule with { Steps = [] }, loaded with { Steps = [] });
    }
}

/// <summary>The simulate subcommand as a user runs it: exit codes, the report folder, replay.</summary>
public sealed class SimulateCommandTests
{
    static (int Exit, string Output) Cli(params string[] arguments) =>
        ReferenceVectors.ReferenceVectorVerifierTests.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "mesh-conformance.dll"), .. arguments]);

    [Fact]
    public void A_run_that_holds_exits_0_and_a_broken_one_exits_1_writes_its_report_and_replays_the_same()
    {
        var folder = Directory.CreateTempSubdirectory("sim-cli-").FullName;
        var (held, heldOutput) = Cli("simulate", "--steps", "30", "--encapsulation", "none", "--faults", "drop-response", "--report", Path.Combine(folder, "good"));
        Assert.True(held == 0, heldOutput);
        Assert.Contains("every invariant held", heldOutput);

        var report = Path.Combine(folder, "bad");
        var (broken, brokenOutput) = Cli("simulate", "--steps", "60", "--encapsulation", "none", "--service-fault", "stale-index-accepted", "--report", report);
        Assert.True(broken == 1, brokenOutput);
        Assert.Contains("BROKEN", brokenOutput);
        foreach (var file in new[] { "report.json", "report.html", "throughput.svg", "schedule.json" }) Assert.True(File.Exists(Path.Combine(report, file)), file);
        var digest = brokenOutput.Split('\n').Single(l => l.StartsWith("state digest", StringComparison.Ordinal));

        var (replayed, replayOutput) = Cli("simulate", "--replay", Path.Combine(report, "schedule.json"), "--service-fault", "stale-index-accepted", "--report", Path.Combine(folder, "replay"));
        Assert.Equal(1, replayed);
        Assert.Contains(digest, replayOutput);
    }
}
