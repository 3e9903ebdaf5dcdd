using Mesh.Conformance.Scenarios;
using Mesh.Wire.Dare;
using Mesh.Wire.Json;
using Mesh.Wire.Messages;
using Mesh.Wire.Model;

namespace Mesh.Conformance.Tests.Targets;

/// <summary>The base64 form check reads the binary members as written, so it tells the wrapped layout from the unbroken one.</summary>
public class BinaryMembersTests
{
    static byte[] Status(BinaryLayout layout) => WireSerializer.Encode(new StatusResponse
    {
        Status = 201,
        EnvelopedProfileMaster = EnvelopeWriter.Plain(Enumerable.Range(0, 300).Select(i => (byte)i).ToArray()),
    }, WireEncoding.Json, layout);

    [Fact]
    public void The_payload_of_an_envelope_member_is_found_with_its_path()
    {
        var members = BinaryMembers.Of(Status(BinaryLayout.Unwrapped));
        var payload = Assert.Single(members, m => m.Path == "StatusResponse.EnvelopedProfileMaster[payload]");
        Assert.DoesNotContain('\n', payload.Text);
        Assert.DoesNotContain('=', payload.Text);
    }

    [Fact]
    public void The_reference_layout_shows_its_line_breaks()
    {
        var payload = Assert.Single(BinaryMembers.Of(Status(BinaryLayout.ReferenceWrapped)), m => m.Path.EndsWith("[payload]", StringComparison.Ordinal));
        Assert.Contains('\n', payload.Text);
    }
}
