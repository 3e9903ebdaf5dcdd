using System.Text;
using Mesh.Wire.Json;
using Mesh.Wire.Messages;
using Mesh.Wire.Model;

namespace Mesh.Wire.Tests.Json;

/// <summary>JSON-B and JSON-C byte layout (docs/reference-behaviour.md §E2) on known values, and their reader.</summary>
public class JsonBinaryTests
{
    static byte[] Scalar(Action<IWireWriter> write)
    {
        var writer = new JsonBinaryWriter();
        write(writer);
        return writer.ToArray();
    }

    [Theory]
    [InlineData(5L, new byte[] { 0xA0, 0x05 })]
    [InlineData(300L, new byte[] { 0xA1, 0x01, 0x2C })]
    [InlineData(-2L, new byte[] { 0xA8, 0x02 })]
    [InlineData(0L, new byte[] { 0xA0, 0x00 })]
    [InlineData(0x1_0000_0000L, new byte[] { 0xA3, 0, 0, 0, 1, 0, 0, 0, 0 })]
    [InlineData(long.MinValue, new byte[] { 0xAB, 0x80, 0, 0, 0, 0, 0, 0, 0 })]
    public void Integers_take_the_smallest_length_code(long value, byte[] expected) =>
        Assert.Equal(expected, Scalar(w => w.WriteInteger(value)));

    [Fact]
    public void Binary_strings_booleans_and_null_have_their_tag_bytes()
    {
        Assert.Equal([0x88, 0x10, .. new byte[16]], Scalar(w => w.WriteBinary(new byte[16])));
        Assert.Equal([0x80, 0x02, (byte)'h', (byte)'i'], Scalar(w => w.WriteString("hi")));
        Assert.Equal([0xB0, 0xB1, 0xB2], Scalar(w => { w.WriteBoolean(true); w.WriteBoolean(false); w.WriteNull(); }));
        Assert.Equal([0x89, 0x01, 0x2C, .. new byte[300]], Scalar(w => w.WriteBinary(new byte[300])));
    }

    [Fact]
    public void Objects_keep_brackets_and_drop_separators()
    {
        var bytes = WireSerializer.Encode(new MeshResponse { Status = 201 }, WireEncoding.JsonB);
        Assert.Equal("{\u00B4\u000CMeshResponse{\u00B4\u0006Status\u00A0\u00C9}}", new string(bytes.Select(b => (char)b).ToArray()));
    }

    [Fact]
    public void Json_c_replaces_dictionary_words_by_their_index()
    {
        string[] dictionary = ["MeshResponse", "Status"];
        var bytes = WireSerializer.Encode(new MeshResponse { Status = 201, StatusDescription = "ok" }, WireEncoding.JsonC, dictionary: dictionary);
        byte[] expected = [(byte)'{', 0xC0, 0, (byte)'{', 0xC0, 1, 0xA0, 201, 0x80, 17, .. "StatusDescription"u8.ToArray(), 0x80, 2, (byte)'o', (byte)'k', (byte)'}', (byte)'}'];
        Assert.Equal(expected, bytes);
        var read = WireSerializer.Decode<MeshResponse>(bytes, dictionary);
        Assert.Equal((201, "ok"), (read.Status, read.StatusDescription));
    }

    [Fact]
    public void Json_c_index_without_the_dictionary_is_refused()
    {
        var error = Assert.Throws<WireFormatException>(() => WireReader.Parse([0xC0, 0x00]));
        Assert.Contains("without a dictionary", error.Reason);
    }

    [Fact]
    public void Chunked_strings_and_binaries_are_joined()
    {
        var node = WireReader.Parse([(byte)'[', 0x84, 1, (byte)'a', 0x80, 1, (byte)'b', 0x8C, 1, 7, 0x88, 1, 8, (byte)']']);
        var array = Assert.IsType<WireArray>(node);
        Assert.Equal("ab", Assert.IsType<WireString>(array.Items[0]).Value);
        Assert.Equal(new byte[] { 7, 8 }, Assert.IsType<WireBytes>(array.Items[1]).Value);
    }

    [Theory]
    [InlineData(new byte[] { 0x88, 0x05, 1, 2 }, "JSON-B length 5 runs past the end")]
    [InlineData(new byte[] { 0x89, 0x01 }, "Truncated JSON-B length")]
    [InlineData(new byte[] { 0x90, 0x01 }, "Unsupported JSON-B tag 0x90")]
    [InlineData(new byte[] { 0xF0, 0x00 }, "Unsupported JSON-B tag 0xF0")]
    public void Malformed_binary_tokens_are_refused(byte[] data, string reason)
    {
        var error = Assert.Throws<WireFormatException>(() => WireReader.Parse(data));
        Assert.StartsWith(reason, error.Reason);
    }

    [Fact]
    public void Dates_stay_text_inside_json_b_and_read_back()
    {
        var select = new DownloadRequest { Select = [new() { NotBefore = new DateTime(2020, 3, 10, 1, 2, 3, DateTimeKind.Utc) }] };
        var bytes = WireSerializer.Encode(select, WireEncoding.JsonB);
        Assert.Contains("\"2020-03-10T01:02:03Z\"", Encoding.ASCII.GetString(bytes));
        Assert.Equal(select.Select[0].NotBefore, WireSerializer.Decode<DownloadRequest>(bytes).Select![0].NotBefore);
    }
}
