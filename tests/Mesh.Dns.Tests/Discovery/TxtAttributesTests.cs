using Mesh.Dns.Discovery;

namespace Mesh.Dns.Tests.Discovery;

/// <summary>TXT strings read as RFC 6763 §6 key=value attributes (spec digest A2).</summary>
public class TxtAttributesTests
{
    [Fact]
    public void Keys_are_case_insensitive_the_first_wins_and_strings_without_a_key_are_dropped()
    {
        var attributes = TxtAttributes.Parse(["Path=/a/", "path=/b/", "flag", "=x", "", "k=v=w"]);

        Assert.Equal("/a/", attributes["path"]);
        Assert.Null(attributes["FLAG"]);
        Assert.Equal("v=w", attributes["k"]);
        Assert.Equal(3, attributes.Count);
    }
}
