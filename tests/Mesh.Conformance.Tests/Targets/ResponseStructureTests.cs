using System.Text;
using Mesh.Client;
using Mesh.Conformance.Scenarios;

namespace Mesh.Conformance.Tests.Targets;

/// <summary>The structural check that stands in for byte comparison against a foreign target.</summary>
public class ResponseStructureTests
{
    static Exchange Answer(string body, string contentType = "application/json") => new("POST", new Uri("http://mmm.example.com/.well-known/mmm/"), [], [],
        200, [new("Content-Type", contentType)], Encoding.UTF8.GetBytes(body), TimeSpan.Zero) { Transaction = "Status" };

    [Fact]
    public void A_response_with_the_schemas_members_passes() =>
        Assert.Null(ResponseStructure.Check([Answer("{\"StatusResponse\": {\"Status\": 201, \"ContainerStatus\": []}}")]));

    [Fact]
    public void An_unknown_member_is_named()
    {
        var failure = ResponseStructure.Check([Answer("{\"StatusResponse\": {\"Status\": 201, \"Colour\": \"blue\"}}")]);
        Assert.NotNull(failure);
        Assert.Contains("Colour", failure.Actual);
        Assert.Contains("the response to Status", failure.Actual);
    }

    [Theory]
    [InlineData("{\"NoSuchResponse\": {}}", "tagged NoSuchResponse")]
    [InlineData("{\"StatusResponse\": {}, \"Extra\": {}}", "has 2")]
    public void A_wrong_tag_or_two_tags_fail(string body, string said) => Assert.Contains(said, ResponseStructure.Check([Answer(body)])!.Actual);

    [Theory]
    [InlineData("[{}, \"e30\"]", "application/json")]
    [InlineData("not json", "application/json")]
    [InlineData("{\"StatusResponse\": {\"Colour\": 1}}", "application/json-b")]
    public void Envelopes_binary_encodings_and_unparsable_bodies_are_left_to_other_checks(string body, string contentType) =>
        Assert.Null(ResponseStructure.Check([Answer(body, contentType)]));
}
