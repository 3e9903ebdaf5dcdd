using Mesh.Conformance.Load;

namespace Mesh.Conformance.Tests.Load;

/// <summary>
/// One short representative run of each bench's machinery (the figures themselves come from <c>bench</c>): the
/// windows are interleaved as documented, and the flat-cost and soak runs produce their figures. No time is asserted.
/// </summary>
public class BenchTests
{
    [Fact]
    public async Task Rounds_alternate_the_order_of_case_and_baseline_after_a_warm_up_of_each()
    {
        var order = new List<char>();
        var options = new LoadOptions(TimeSpan.FromMilliseconds(20), Concurrency: 1, Rounds: 4);
        Func<int, Task> Mark(char side) => async _ =>
        {
            lock (order) if (order.Count == 0 || order[^1] != side) order.Add(side);
            await Task.Yield();
        };
        var (rates, baselines) = await LoadBench.Interleaved(options, Mark('c'), Mark('b'));
        Assert.Equal("bcbcbcb", new string([.. order])); // warm-up b c, then b c | c b | b c | c b
        Assert.Equal(4, rates.Count);
        Assert.Equal(4, baselines.Count);
        Assert.All(rates.Concat(baselines), rate => Assert.True(rate > 0));
    }

    [Fact]
    public async Task Flat_cost_measures_every_transaction_at_every_size_and_the_memory_per_entry()
    {
        var (figures, memory) = await FlatCostBench.EntriesAsync([20, 40], new LoadOptions(TimeSpan.FromMilliseconds(30), 1, Rounds: 1));
        Assert.Equal(6, figures.Count);
        Assert.All(figures, f => Assert.True(f.Cost > 0, $"{f.Transaction} at {f.Size}"));
        Assert.All(figures.Where(f => f.Size == 20), f => Assert.Equal(1, f.Ratio));
        Assert.Equal(40, memory.Entries); // the heap figure itself is not checked: other tests allocate beside it
        Assert.True(memory.OwnBytes > 256);
    }

    [Fact]
    public async Task A_soak_reports_each_minute_and_its_requests_all_succeed()
    {
        var minutes = await SoakBench.RunAsync(TimeSpan.FromSeconds(3), concurrency: 2);
        var only = Assert.Single(minutes);
        // How many requests fit in three seconds depends on the machine; that every one succeeded does not (RunAsync throws).
        Assert.InRange(only.RememberedBodies, 1, only.Requests + 2); // remembered on arrival, counted when answered: at most two in flight
        Assert.True(only.ResidentBytes > only.ManagedBytes);
    }
}
