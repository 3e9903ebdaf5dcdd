using System.Text;
using Mesh.Service;
using Mesh.Service.Storage;
using Mesh.Service.Variations;
using Mesh.Wire.Json;
using Mesh.Wire.Model;
using Mesh.Wire.Messages;

namespace Mesh.Conformance.Tests.Targets;

/// <summary>The variations of an answer's text change its bytes and nothing a tolerant reader sees.</summary>
public class VariationTests
{
    static byte[] HelloBody(params string[] variations)
    {
        var service = new MeshService(new ServiceOptions().Take(variations), new MemoryStore());
        return service.Handle(WireSerializer.Encode(new HelloRequest(), WireEncoding.Json, service.Options.Layout)).Body;
    }

    [Theory]
    [InlineData(ServiceVariations.ReversedMemberOrder)]
    [InlineData(ServiceVariations.CompactJson)]
    [InlineData(ServiceVariations.TabsAndCrlf)]
    [InlineData(ServiceVariations.EscapedStrings)]
    [InlineData(ServiceVariations.ExtraUnknownMember)]
    public void A_text_variation_writes_other_bytes_that_read_as_the_same_answer(string variation)
    {
        var plain = HelloBody();
        var varied = HelloBody(variation);
        Assert.NotEqual(plain, varied);
        var read = (Response)WireSerializer.BindTagged(WireReader.Parse(varied), typeof(MeshHelloResponse), "$");
        var layout = new ServiceOptions().Layout;
        Assert.Equal(Encoding.UTF8.GetString(plain), Encoding.UTF8.GetString(WireSerializer.Encode(read, WireEncoding.Json, layout)));
    }

    [Fact]
    public void Reversed_member_order_and_no_whitespace_show_in_the_text()
    {
        var text = Encoding.UTF8.GetString(HelloBody(ServiceVariations.ReversedMemberOrder, ServiceVariations.CompactJson));
        Assert.DoesNotContain("\n", text);
        Assert.True(text.IndexOf("\"Version\"", StringComparison.Ordinal) < text.IndexOf("\"Status\"", StringComparison.Ordinal), text);
    }
}
