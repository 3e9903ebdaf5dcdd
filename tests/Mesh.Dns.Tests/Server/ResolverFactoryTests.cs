using System.Net;

namespace Mesh.Dns.Tests.Server;

/// <summary>Resolvers made for tests: one server, no cache, short timeout, one retry, TCP fallback.</summary>
public class ResolverFactoryTests
{
    [Fact]
    public void Resolver_has_test_settings()
    {
        var resolver = ResolverFactory.Create(new IPEndPoint(IPAddress.Loopback, 5353));

        var server = Assert.Single(resolver.NameServers);
        Assert.Equal((IPAddress.Loopback, 5353), (server.Address is { } a ? IPAddress.Parse(a) : null, server.Port));
        Assert.False(resolver.Settings.UseCache);
        Assert.Equal(TimeSpan.FromSeconds(2), resolver.Settings.Timeout);
        Assert.Equal(1, resolver.Settings.Retries);
        Assert.True(resolver.Settings.UseTcpFallback);
        Assert.False(resolver.Settings.UseTcpOnly);
    }

    [Theory]
    [InlineData("127.0.0.1:5353", "127.0.0.1", 5353)]
    [InlineData("[::1]:53", "::1", 53)]
    public void Host_and_port_text_names_the_server(string text, string address, int port)
    {
        Assert.Equal(new IPEndPoint(IPAddress.Parse(address), port), ResolverFactory.ParseEndPoint(text));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:0")]
    [InlineData("127.0.0.1:70000")]
    public void Text_without_a_usable_port_is_rejected(string text)
    {
        Assert.Throws<FormatException>(() => ResolverFactory.ParseEndPoint(text));
    }
}
