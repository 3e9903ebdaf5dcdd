using System.Text;
using Mesh.Wire.Dare;
using Mesh.Wire.Json;
using Mesh.Wire.Messages;
using Mesh.Wire.Model;

namespace Mesh.Wire.Tests.Json;

/// <summary>The reference writer's layout (docs/reference-behaviour.md §E1.2–§E1.6), pinned on small known outputs.</summary>
public class JsonTextWriterTests
{
    static string Text(WireRecord message, BinaryLayout layout = BinaryLayout.ReferenceWrapped) =>
        Encoding.UTF8.GetString(WireSerializer.Encode(message, WireEncoding.Json, layout));

    [Fact]
    public void Hello_request_is_tagged_with_the_transaction_name()
    {
        Assert.Equal("{\n  \"Hello\": {}}", Text(new HelloRequest()));
    }

    [Fact]
    public void Nested_objects_and_arrays_pile_closing_brackets_on_the_last_line()
    {
        var response = new MeshHelloResponse
        {
            Status = 201,
            Version = new Messages.ProtocolVersion { Major = 3, Minor = 0, Encodings = [new() { ID = ["application/json"] }] },
        };
        Assert.Equal(
            "{\n  \"MeshHelloResponse\": {\n    \"Status\": 201,\n    \"Version\": {\n      \"Major\": 3,\n      \"Minor\": 0,\n" +
            "      \"Encodings\": [{\n          \"ID\": [\"application/json\"]}]}}}",
            Text(response));
    }

    [Fact]
    public void Base_class_members_come_first_and_null_members_are_omitted()
    {
        var response = new CreateResponse { Status = 400, StatusExtended = 1, StatusDescription = "Account already registered.", Reason = null };
        Assert.Equal("{\n  \"CreateResponse\": {\n    \"Status\": 400,\n    \"StatusExtended\": 1,\n    \"StatusDescription\": \"Account already registered.\"}}",
            Text(response));
    }

    [Fact]
    public void An_integer_set_to_zero_is_written_and_an_empty_list_is_brackets()
    {
        var select = new DownloadRequest { Account = "a@example.com", Select = [new() { Container = "mmm_Device", IndexMin = 0 }], };
        var status = new StatusRequest { Catalogs = [] };
        Assert.Contains("\"IndexMin\": 0", Text(select));
        Assert.Equal("{\n  \"Status\": {\n    \"Catalogs\": []}}", Text(status));
    }

    [Theory]
    [InlineData("Public", 52)]
    [InlineData("PayloadDigest", 45)]
    [InlineData("signature", 49)]
    public void Binary_wraps_after_the_column_given_by_the_last_member_name(string member, int firstLine)
    {
        var writer = new JsonTextWriter();
        writer.BeginObject();
        writer.Member(member);
        writer.WriteBinary(new byte[114]);
        writer.EndObject();
        var text = writer.ToString();
        var value = text[(text.IndexOf(": \"", StringComparison.Ordinal) + 3)..text.LastIndexOf('"')];
        var lines = value.Split("\n  ");
        Assert.Equal(firstLine, lines[0].Length);
        Assert.All(lines.Skip(1).SkipLast(1), line => Assert.Equal(62, line.Length));
        Assert.Equal(152, lines.Sum(l => l.Length)); // 114 bytes = 152 base64url characters, no padding
    }

    [Fact]
    public void Unwrapped_layout_writes_binary_on_one_line()
    {
        var text = Text(new ContainerStatus { Digest = new byte[100] }.Let(d => new StatusResponse { ContainerStatus = [d] }), BinaryLayout.Unwrapped);
        Assert.Contains("\"" + new string('A', 134) + "\"", text);
    }

    [Fact]
    public void Envelope_payload_wraps_after_the_last_member_of_its_header()
    {
        var envelope = new DareEnvelope { Header = new DareHeader { DigestAlgorithm = "SHA2" }, Payload = new byte[60] };
        var text = Text(new CreateRequest { SignedProfileMesh = envelope });
        Assert.Contains("\"SignedProfileMesh\": [{\n        \"dig\": \"SHA2\"},\n      \"" + new string('A', 55) + "\n  AAAAAAAAAAAAAAAAAAAAAAAAA\"]", text);
    }

    [Fact]
    public void Strings_escape_quotes_backslashes_and_control_characters_only()
    {
        var text = Text(new CreateResponse { Reason = "q\" b\\ \b\f\n\r\t\u0001 / é €" });
        Assert.Contains("\"Reason\": \"q\\\" b\\\\ \\b\\f\\n\\r\\u0009\\u0001 / é €\"", text);
    }

    [Fact]
    public void Dates_have_seconds_precision_and_a_literal_Z()
    {
        var text = Text(new ConstraintsSelect { NotBefore = new DateTime(2019, 10, 23, 8, 5, 9, 999, DateTimeKind.Utc) }.Let(s => new DownloadRequest { Select = [s] }));
        Assert.Contains("\"NotBefore\": \"2019-10-23T08:05:09Z\"", text);
    }

    [Fact]
    public void Negative_integers_are_plain_decimal()
    {
        Assert.Contains("\"Status\": -2", Text(new MeshResponse { Status = -2 }));
    }
}

static class Fluent
{
    public static TResult Let<T, TResult>(this T value, Func<T, TResult> f) => f(value);
}
