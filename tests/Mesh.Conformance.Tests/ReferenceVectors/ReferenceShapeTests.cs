using System.Text;
using Mesh.Conformance.ReferenceVectors;
using Mesh.Conformance.Vectors;

namespace Mesh.Conformance.Tests.ReferenceVectors;

/// <summary>
/// In the reference profile the harness's regenerated Hello and CreateAccount exchanges have exactly the
/// structure of the author's recorded ones: same members, same order, same envelope shapes (issue 4).
/// </summary>
public class ReferenceShapeTests
{
    [VectorTheory]
    [InlineData("ProtocolHello.md", "hello-offers-version-3")]
    [InlineData("ProtocolAccountCreate.md", "create-account-succeeds")]
    public void Regenerated_reference_exchanges_have_the_recorded_structure(string example, string scenario)
    {
        var recorded = MarkdownExample.Load(Path.Combine(SharedVectors.Sets[0], "Examples", example)).Blocks
            .Where(b => b.TrimStart().StartsWith('{')).Select(b => WireShape.Of(Encoding.UTF8.GetBytes(b))).ToList();
        var vector = VectorFile.Decode(File.ReadAllBytes(Path.Combine(Repository.Vectors, "reference", scenario + ".json")));
        var exchange = vector.Exchanges[0];
        Assert.Equal(recorded[0], WireShape.Of(exchange.Request.Bytes()));
        Assert.Equal(recorded[1], WireShape.Of(exchange.Response.Bytes()));
    }

    [Fact]
    public void Shapes_tell_members_order_and_envelope_forms_apart()
    {
        Assert.Equal(WireShape.Of("{\"A\": 1, \"B\": \"x\"}"u8.ToArray()), WireShape.Of("{\"A\": 2, \"B\": \"y\"}"u8.ToArray()));
        Assert.NotEqual(WireShape.Of("{\"A\": 1, \"B\": \"x\"}"u8.ToArray()), WireShape.Of("{\"B\": \"x\", \"A\": 1}"u8.ToArray()));
        Assert.NotEqual(WireShape.Of("{\"E\": [{}, \"e30\"]}"u8.ToArray()), WireShape.Of("{\"E\": [{\"dig\": \"SHA2\"}, \"e30\", {}]}"u8.ToArray()));
    }
}
