using Mesh.Dns.Discovery;

namespace Mesh.Dns.Tests.Discovery;

/// <summary>RFC 2782 ordering as properties over many seeds: priority strictly first, weight in proportion.</summary>
public class SrvOrderingTests
{
    sealed record Target(string Name, int Priority, int Weight);

    static IReadOnlyList<Target> Order(IEnumerable<Target> targets, int seed) =>
        SrvOrdering.Order(targets, t => t.Priority, t => t.Weight, new Random(seed));

    static readonly Target[] Mixed =
    [
        new("c", 20, 5), new("a", 10, 60), new("d", 20, 0), new("b", 10, 40), new("e", 5, 0),
    ];

    [Fact]
    public void Every_order_is_a_permutation_sorted_by_priority()
    {
        for (var seed = 0; seed < 200; seed++)
        {
            var ordered = Order(Mixed, seed);
            Assert.Equal(Mixed.OrderBy(t => t.Name), ordered.OrderBy(t => t.Name));
            Assert.Equal(ordered.Select(t => t.Priority).Order(), ordered.Select(t => t.Priority));
        }
    }

    [Fact]
    public void Same_seed_gives_the_same_order()
    {
        Assert.Equal(Order(Mixed, 7), Order(Mixed, 7));
    }

    [Fact]
    public void Weight_90_against_10_comes_first_in_most_of_1000_runs()
    {
        Target[] targets = [new("light", 10, 10), new("heavy", 10, 90)];

        var heavyFirst = Enumerable.Range(0, 1000).Count(seed => Order(targets, seed)[0].Name == "heavy");

        // Expected 90/101 ≈ 89 %: the draw is uniform on 0..100 inclusive.
        Assert.InRange(heavyFirst, 700, 1000);
    }

    [Fact]
    public void Weight_zero_target_is_rarely_first_but_never_dropped()
    {
        Target[] targets = [new("zero", 10, 0), new("some", 10, 50)];

        var orders = Enumerable.Range(0, 1000).Select(seed => Order(targets, seed)).ToList();

        Assert.All(orders, o => Assert.Equal(2, o.Count));
        Assert.InRange(orders.Count(o => o[0].Name == "zero"), 1, 100); // chosen only on a draw of 0: 1/51
    }

    [Fact]
    public void All_zero_weights_still_order_every_target()
    {
        Target[] targets = [new("x", 1, 0), new("y", 1, 0), new("z", 1, 0)];

        Assert.Equal(3, Order(targets, 3).Distinct().Count());
    }
}
