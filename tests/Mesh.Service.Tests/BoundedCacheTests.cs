using Xunit;

namespace Mesh.Service.Tests;

public class BoundedCacheTests
{
    [Fact]
    public void Computes_once_per_key_and_starts_afresh_when_full()
    {
        var computed = 0;
        var cache = new BoundedCache<int, string>(capacity: 2);
        string Compute(int key) { computed++; return $"v{key}"; }

        Assert.Equal("v1", cache.GetOrAdd(1, Compute));
        Assert.Equal("v1", cache.GetOrAdd(1, Compute));
        Assert.Equal("v2", cache.GetOrAdd(2, Compute));
        Assert.Equal(2, computed);

        Assert.Equal("v3", cache.GetOrAdd(3, Compute));   // full: forgets 1 and 2
        Assert.Equal(1, cache.Count);
        Assert.Equal("v1", cache.GetOrAdd(1, Compute));
        Assert.Equal(4, computed);

        cache.Set(1, "changed");
        Assert.Equal("changed", cache.GetOrAdd(1, Compute));
        Assert.True(cache.Count <= cache.Capacity);
    }
}
