namespace Mesh.Dns.Discovery;

/// <summary>
/// The order in which to try SRV targets (RFC 2782, "Usage rules"; spec digest step 4): lowest priority
/// first; within a priority, a weighted random order in which each target's chance of coming next is
/// proportional to its weight.
/// </summary>
public static class SrvOrdering
{
    /// <summary>Orders <paramref name="records"/>; the same <paramref name="random"/> seed gives the same order.</summary>
    public static IReadOnlyList<T> Order<T>(IEnumerable<T> records, Func<T, int> priority, Func<T, int> weight, Random random)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(random);
        var ordered = new List<T>();
        foreach (var group in records.GroupBy(priority).OrderBy(g => g.Key))
        {
            // RFC 2782: "arrange all SRV RRs (that have not been ordered yet) in any order, except that all
            // those with weight 0 are placed at the beginning of the list" — so a weight-0 target is chosen
            // only when the draw is 0, and otherwise comes after the weighted ones.
            var remaining = group.Where(r => weight(r) == 0).Concat(group.Where(r => weight(r) != 0)).ToList();
            while (remaining.Count > 0)
            {
                // "Compute the sum of the weights of those RRs ... choose a uniform random number between 0 and
                // the sum computed (inclusive), and select the RR whose running sum value is the first in the
                // selected order which is greater than or equal to the random number selected."
                var sum = remaining.Sum(weight);
                var draw = random.Next(0, sum + 1);
                var running = 0;
                var chosen = remaining.Count - 1;
                for (var i = 0; i < remaining.Count; i++)
                {
                    running += weight(remaining[i]);
                    if (running >= draw) { chosen = i; break; }
                }
                ordered.Add(remaining[chosen]);
                remaining.RemoveAt(chosen);
            }
        }
        return ordered;
    }
}
