using System.Text;
using Mesh.Wire.Json;
using Mesh.Wire.Messages;
using Mesh.Wire.Model;

namespace Mesh.Wire.Tests.Json;

/// <summary>The tolerant reader (docs/reference-behaviour.md §E1.7): what it accepts, and the errors it gives with a position.</summary>
public class WireReaderTests
{
    static T Read<T>(string text) where T : WireRecord => WireSerializer.Decode<T>(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Reads_base64url_wrapped_with_raw_line_breaks_inside_the_string()
    {
        var status = Read<StatusRequest>("{\"Status\": {\"ProfileMasterDigest\": \"AAEC\n  AwQF\r\n\tBgc\"}}");
        Assert.Equal(new byte[] { 0, 1, 2, 3, 4, 5, 6, 7 }, status.ProfileMasterDigest);
    }

    [Fact]
    public void Reads_standard_base64_with_padding_too()
    {
        var status = Read<StatusRequest>("{\"Status\": {\"ProfileMasterDigest\": \"+/8=\"}}");
        Assert.Equal(new byte[] { 0xFB, 0xFF }, status.ProfileMasterDigest);
    }

    [Fact]
    public void Skips_unknown_members_and_notes_their_names()
    {
        var hello = Read<MeshHelloResponse>("{\"MeshHelloResponse\": {\"Status\": 201, \"Extension\": {\"a\": [1, 2]}, \"StatusDescription\": \"ok\"}}");
        Assert.Equal(201, hello.Status);
        Assert.Equal("ok", hello.StatusDescription);
        Assert.Equal(["Extension"], hello.UnknownMembers);
    }

    [Fact]
    public void Accepts_any_whitespace_between_tokens()
    {
        var response = Read<CreateResponse>(" {\r\n\t\"CreateResponse\" :{ \"Status\" : 201 } } \n");
        Assert.Equal(201, response.Status);
    }

    [Fact]
    public void Resolves_requests_by_transaction_name_and_responses_by_type_name()
    {
        Assert.IsType<HelloRequest>(WireSerializer.Decode("{\"Hello\": {}}"u8));
        Assert.IsType<MeshHelloResponse>(WireSerializer.Decode("{\"MeshHelloResponse\": {}}"u8));
        var error = Assert.Throws<WireFormatException>(() => WireSerializer.Decode("{\"HelloRequest\": {}}"u8));
        Assert.Contains("Unknown type tag 'HelloRequest'", error.Message);
    }

    [Theory]
    [InlineData("{\"Status\": {\"Account\": \"a\" \"Catalogs\": []}}", "Expected ',' or '}'", 1, 28)]
    [InlineData("{\"Status\": {\"Account\": }}", "Unexpected character '}'", 1, 24)]
    [InlineData("{\"Status\": {\"Account\": \"a}}", "Unterminated string", 1, 24)]
    [InlineData("{\"Status\": {\n\"Account\" \"a\"}}", "Expected ':'", 2, 11)]
    [InlineData("{\"Status\": {}} x", "Unexpected data after the end", 1, 16)]
    [InlineData("", "Unexpected end of input", 1, 1)]
    [InlineData("{\"Status\": {\"Account\": tru}}", "Invalid literal", 1, 27)]
    [InlineData("{\"Status\": {\"Account\": \"\\q\"}}", "Invalid escape", 1, 26)]
    public void Malformed_text_is_refused_with_reason_and_position(string text, string reason, int line, int column)
    {
        var error = Assert.Throws<WireFormatException>(() => WireSerializer.Decode(Encoding.UTF8.GetBytes(text)));
        Assert.StartsWith(reason, error.Reason);
        Assert.Equal((line, column), (error.Line, error.Column));
    }

    [Theory]
    [InlineData("{\"MeshResponse\": {\"Status\": \"201\"}}", "Member $.MeshResponse.Status must be an integer, found string")]
    [InlineData("{\"MeshResponse\": {\"Status\": 2.5}}", "Member $.MeshResponse.Status must be an integer, found 2.5")]
    [InlineData("{\"MeshResponse\": {\"Status\": 9999999999}}", "Member $.MeshResponse.Status must be an integer, found 9999999999")]
    [InlineData("{\"Upload\": {\"Updates\": {}}}", "Member $.Upload.Updates must be an array, found object")]
    [InlineData("{\"Upload\": {\"Self\": [[{}]]}}", "Envelope at $.Upload.Self[0] must be an array")]
    [InlineData("{\"Status\": {\"ProfileMasterDigest\": \"not base64!\"}}", "Member $.Status.ProfileMasterDigest is not base64url")]
    [InlineData("{\"Status\": {}, \"Hello\": {}}", "Member $ must be a one-member object")]
    [InlineData("[1]", "Member $ must be a one-member object naming its type, found array")]
    [InlineData("{\"Download\": {\"Select\": [{\"Before\": \"2020-01-01T00:00:00+01:00\"}]}}", "Member $.Download.Select[0].Before is not a UTC date-time")]
    public void Wrong_types_are_refused_with_the_member_path(string text, string reason)
    {
        var error = Assert.Throws<WireFormatException>(() => WireSerializer.Decode(Encoding.UTF8.GetBytes(text)));
        Assert.StartsWith(reason, error.Reason);
    }

    [Fact]
    public void Deep_nesting_is_refused_not_overflowed()
    {
        var text = new string('[', 10000) + new string(']', 10000);
        var error = Assert.Throws<WireFormatException>(() => WireReader.Parse(Encoding.ASCII.GetBytes(text)));
        Assert.StartsWith("Nesting deeper", error.Reason);
    }

    [Fact]
    public void Invalid_utf8_in_a_string_is_refused()
    {
        var error = Assert.Throws<WireFormatException>(() => WireReader.Parse([(byte)'"', 0xC3, 0x28, (byte)'"']));
        Assert.StartsWith("Invalid UTF-8", error.Reason);
    }

    [Theory]
    [InlineData("{\"Status\": {\"Account\": \"nobody@example.com\", \"Account\": \"alice@example.com\"}}", "Account", 45)]
    [InlineData("{\"Hello\": {}, \"Hello\": {}}", "Hello", 14)]
    [InlineData("[{\"a\": 1}, {\"b\": 2, \"b\": 2}]", "b", 20)]
    public void Refuses_an_object_that_names_a_member_twice(string text, string name, int offset)
    {
        var error = Assert.Throws<WireFormatException>(() => WireReader.Parse(Encoding.UTF8.GetBytes(text)));
        Assert.Equal($"Duplicate member name '{name}'", error.Reason);
        Assert.Equal(offset, error.Offset);
    }

    [Fact]
    public void Refuses_a_duplicate_among_many_members_and_in_JSON_B_but_not_names_that_differ_in_case()
    {
        var many = "{" + string.Join(", ", Enumerable.Range(0, 20).Select(i => $"\"m{i}\": {i}")) + ", \"m3\": 0}";
        Assert.StartsWith("Duplicate member name 'm3'", Assert.Throws<WireFormatException>(() => WireReader.Parse(Encoding.UTF8.GetBytes(many))).Reason);
        // JSON-B: {"Account" "a" "Account" "b"}, names as tag tokens (0xB4), strings as 0x80.
        byte[] Token(byte code, string value) => [code, (byte)value.Length, .. Encoding.UTF8.GetBytes(value)];
        byte[] binary = [(byte)'{', .. Token(0xB4, "Account"), .. Token(0x80, "a"), .. Token(0xB4, "Account"), .. Token(0x80, "b"), (byte)'}'];
        Assert.StartsWith("Duplicate member name", Assert.Throws<WireFormatException>(() => WireReader.Parse(binary)).Reason);
        var cased = Assert.IsType<WireObject>(WireReader.Parse("{\"Account\": 1, \"account\": 2}"u8));
        Assert.Equal(2, cased.Members.Count);
    }
}
