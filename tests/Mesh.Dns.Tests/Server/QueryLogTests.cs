using Mesh.Dns;
using Xunit;

namespace Mesh.Dns.Tests.Server;

public class QueryLogTests
{
    [Fact]
    public void Beyond_its_capacity_the_oldest_query_is_forgotten_and_counted()
    {
        var log = new QueryLog(capacity: 3);
        for (var i = 0; i < 5; i++) log.Record(new ReceivedQuery($"q{i}.example.com", "SRV", DnsTransport.Udp));

        Assert.Equal(["q2.example.com", "q3.example.com", "q4.example.com"], log.All.Select(q => q.Name));
        Assert.Equal(2, log.Forgotten);
        Assert.Equal(0, log.Count("q0.example.com"));
        Assert.Equal(1, log.Count("q4.example.com", "SRV", DnsTransport.Udp));

        log.Clear();
        Assert.Empty(log.All);
        Assert.Equal(0, log.Forgotten);
    }

    [Fact]
    public void A_capacity_below_one_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new QueryLog(capacity: 0));
}
