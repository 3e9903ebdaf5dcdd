using Mesh.Wire.Text;

namespace Mesh.Wire.Tests.Text;

/// <summary>The base64url decoder: the fast path for unbroken text gives what the tolerant reading gives.</summary>
public class Base64UrlTests
{
    [Fact]
    public void Every_length_round_trips_with_and_without_padding_and_line_breaks()
    {
        var random = new Random(7);
        for (var length = 0; length <= 200; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);
            var text = Base64Url.Encode(data);
            Assert.Equal(data, Base64Url.Decode(text));
            Assert.Equal(data, Base64Url.Decode(text.PadRight((text.Length + 3) & ~3, '=')));
            Assert.Equal(data, Base64Url.Decode(string.Join("\n  ", text.Chunk(64).Select(c => new string(c)))));
            Assert.Equal(data, Base64Url.Decode(Convert.ToBase64String(data)));
        }
    }

    [Theory]
    [InlineData("AB", new byte[] { 0x00 })]       // B carries unused low bits: dropped, as the tolerant reading drops them
    [InlineData("AAB", new byte[] { 0x00, 0x00 })]
    [InlineData("_-8", new byte[] { 0xFF, 0xEF })]
    [InlineData("QUJD_w", new byte[] { 0x41, 0x42, 0x43, 0xFF })]
    public void The_last_characters_decode_as_the_tolerant_reading_does(string text, byte[] expected) =>
        Assert.Equal(expected, Base64Url.Decode(text));
}
