using System.Net;
using System.Net.Http.Headers;

using Mesh.Client;
using Mesh.Hosting;
using Mesh.Wire.Messages;
using Mesh.Wire.Model;
using System.Text;
using Mesh.Wire.Protocol;

namespace Mesh.Service.Tests;

/// <summary>The HTTP binding over real sockets (draft §4.2, A1, A4, A9, A27, A29).</summary>
public class HttpBindingTests
{
    static async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> Post(ServiceHarness harness, string path, HttpContent content, string? host = null)
    {
        using var http = new HttpClient(harness.Host.CreateHandler());
        var message = new HttpRequestMessage(HttpMethod.Post, new Uri(harness.Host.BaseUri!, path)) { Content = content };
        if (host is not null) message.Headers.Host = host;
        var response = await http.SendAsync(message);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    static ByteArrayContent Json(string text, string type = "application/json")
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
        return content;
    }

    [Theory]
    [InlineData("/.well-known/mmm/")]
    [InlineData("/.well-known/mmm")]
    public async Task The_well_known_path_is_served_with_and_without_the_trailing_slash(string path)
    {
        await using var harness = await ServiceHarness.StartAsync();
        var (status, body, response) = await Post(harness, path, Json("{\"Hello\": {}}"), host: "mmm.example.com");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("{\n  \"MeshHelloResponse\"", body);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.True(response.Headers.CacheControl!.NoStore);
    }

    [Theory]
    [InlineData("/well-known/mmm/", 404, "No Mesh service at")]
    [InlineData("/.well-known/mmm/extra", 404, "No Mesh service at")]
    public async Task Other_paths_are_not_found(string path, int status, string reason)
    {
        await using var harness = await ServiceHarness.StartAsync();
        var (code, body, _) = await Post(harness, path, Json("{\"Hello\": {}}"));
        Assert.Equal(status, (int)code);
        Assert.Contains(reason, body);
        Assert.StartsWith("{\n  \"MeshResponse\"", body);
    }

    [Fact]
    public async Task Methods_other_than_post_are_refused_with_405()
    {
        await using var harness = await ServiceHarness.StartAsync();
        using var http = new HttpClient(harness.Host.CreateHandler());
        var response = await http.GetAsync(harness.Host.ServiceUri);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("POST", response.Content.Headers.Allow);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/json-b")]
    public async Task Unaccepted_content_types_get_415(string type)
    {
        await using var harness = await ServiceHarness.StartAsync();
        var (status, body, _) = await Post(harness, "/.well-known/mmm/", Json("{\"Hello\": {}}", type));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Contains("is not accepted", body);
    }

    [Fact]
    public async Task Json_b_and_json_c_are_accepted_when_advertised()
    {
        await using var harness = await ServiceHarness.StartAsync(configure: o => o with { BinaryEncodings = true });
        var hello = (await harness.Client.HelloAsync()).Expect();
        Assert.Equal(["application/json", "application/json-b", "application/json-c"], hello.Version!.Encodings!.SelectMany(e => e.ID!));
        foreach (var encoding in new[] { Wire.Json.WireEncoding.JsonB, Wire.Json.WireEncoding.JsonC })
        {
            using var client = new MeshClient(harness.Host.CreateHandler(), harness.Host.ServiceUri!, new MeshClientOptions { Encoding = encoding, Dictionary = JsonCDictionary.Words });
            var hello2 = await client.HelloAsync();
            Assert.Equal(201, hello2.Status);
            Assert.Equal("application/json", hello2.Exchange.RequestHeader("Content-Type")); // Hello always in JSON (draft §4.4)
            var status = await client.StatusAsync(new StatusRequest { Account = "nobody@example.com" });
            Assert.Equal(404, status.Status);
            Assert.Empty(status.Problems);
            Assert.NotEqual((byte)'{', status.Exchange.ResponseBody[1]); // binary tokens, not text
        }
    }

    [Theory]
    [InlineData(Wire.Json.WireEncoding.JsonB, "application/json-b")]
    [InlineData(Wire.Json.WireEncoding.JsonC, "application/json-c")]
    public async Task A_hello_in_a_binary_encoding_is_refused_with_415(Wire.Json.WireEncoding encoding, string type)
    {
        await using var harness = await ServiceHarness.StartAsync(configure: o => o with { BinaryEncodings = true });
        var body = Wire.Model.WireSerializer.Encode(new HelloRequest(), encoding, dictionary: JsonCDictionary.Words);
        var result = await harness.Client.SendBytesAsync<MeshHelloResponse>(body, type);
        Assert.Equal(415, result.HttpStatus);
    }

    [Fact]
    public async Task Bodies_over_the_limit_get_413_whether_announced_or_chunked()
    {
        await using var harness = await ServiceHarness.StartAsync(configure: o => o with { BytesMax = 1000 });
        var big = "{\"Hello\": {\"Service\": \"" + new string('x', 2000) + "\"}}";
        var (announced, body, _) = await Post(harness, "/.well-known/mmm/", Json(big));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, announced);
        Assert.Contains("larger than ConstraintsPost.BytesMax (1000 bytes)", body);
        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big)));
        chunked.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        var (streamed, _, _) = await Post(harness, "/.well-known/mmm/", new ChunkedContent(chunked));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, streamed);
    }

    [Fact]
    public async Task Chunked_request_bodies_are_accepted()
    {
        await using var harness = await ServiceHarness.StartAsync();
        var content = new StreamContent(new MemoryStream("{\"Hello\": {}}"u8.ToArray()));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        var (status, body, _) = await Post(harness, "/.well-known/mmm/", new ChunkedContent(content));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("MeshHelloResponse", body);
    }

    public static TheoryData<string, string, int, string> BadBodies => new()
    {
        { "malformed JSON", "{\"Hello\": {", 400, "Malformed request: Unexpected end of input" },
        { "not an object", "\"Hello\"", 400, "one-member object naming its transaction" },
        { "an envelope without encapsulation", "[{}, \"e30\"]", 400, "does not use DARE encapsulation" },
        { "unknown transaction", "{\"Launch\": {}}", 400, "The requested operation is not known to this server. ('Launch')" },
        { "request tagged with its type", "{\"HelloRequest\": {}}", 400, "not known to this server" },
        { "wrong member type", "{\"Status\": {\"Account\": 42}}", 400, "Member $.Status.Account must be a string, found number" },
        { "wrong list type", "{\"Upload\": {\"Account\": \"a@example.com\", \"Updates\": \"none\"}}", 400, "must be an array" },
        { "missing field", "{\"Download\": {\"Account\": \"alice@example.com\"}}", 400, "Select is required" },
        { "empty body", "", 400, "Malformed request" },
        // A member named twice is refused, not resolved: a check of the first Account must not serve the second's status.
        { "a member named twice", "{\"Status\": {\"Account\": \"nobody@example.com\", \"Account\": \"alice@example.com\"}}", 400, "Malformed request: Duplicate member name 'Account'" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_bodies_get_their_status_and_a_reason_and_change_nothing(string what, string text, int status, string reason)
    {
        await using var harness = await ServiceHarness.StartAsync();
        await harness.CreateAccountAsync("alice@example.com");
        var before = harness.Snapshot();
        var (code, body, _) = await Post(harness, "/.well-known/mmm/", Json(text));
        Assert.True(status == (int)code, what);
        var response = (Response)WireSerializer.Decode(Encoding.UTF8.GetBytes(body));
        Assert.Equal(status, response.Status);
        Assert.Contains(reason, response.StatusDescription);
        Assert.Equal(before, harness.Snapshot());
    }

    [Fact]
    public async Task Reference_profile_answers_http_200_with_error_occurred()
    {
        await using var harness = await ServiceHarness.StartAsync(ProtocolProfile.Reference);
        var (code, body, _) = await Post(harness, "/.well-known/mmm/", Json("{\"Status\": {\"Account\": \"nobody@example.com\"}}"));
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("{\n  \"StatusResponse\": {\n    \"Status\": 400,\n    \"StatusDescription\": \"Error occurred\"}}", body);
    }

    [Fact]
    public async Task The_request_identifier_is_echoed()
    {
        await using var harness = await ServiceHarness.StartAsync();
        var result = await harness.Client.SendAsync<MeshHelloResponse>(new HelloRequest { ID = [1, 2, 3] });
        Assert.Equal(new byte[] { 1, 2, 3 }, result.Response!.ID);
    }

    [Fact]
    public async Task Tls_1_3_with_a_self_signed_certificate_made_at_start()
    {
        await using var harness = await ServiceHarness.StartAsync(hostOptions: new MeshHostOptions { Tls = true, HostNames = ["mmm.example.com"] });
        Assert.Equal("https", harness.Host.BaseUri!.Scheme);
        Assert.Equal(64, harness.Host.CertificateFingerprint!.Length);
        var result = await harness.Client.HelloAsync();
        Assert.Equal(201, result.Status);
        using var pinned = new MeshClient(TransportHandlers.Create(pinnedCertificateHash: "00"), harness.Host.ServiceUri!);
        await Assert.ThrowsAsync<MeshClientException>(() => pinned.HelloAsync());
    }

    [Theory]
    [InlineData(ProtocolProfile.Draft03)]
    [InlineData(ProtocolProfile.Reference)]
    public async Task The_in_process_transport_gives_the_same_bytes_as_sockets(ProtocolProfile profile)
    {
        await using var sockets = await ServiceHarness.StartAsync(profile, Transport.Sockets);
        await using var inProcess = await ServiceHarness.StartAsync(profile, Transport.InProcess);
        Assert.Equal((await sockets.Client.HelloAsync()).Exchange.ResponseBody, (await inProcess.Client.HelloAsync()).Exchange.ResponseBody);
        var a = await sockets.Client.CreateAccountAsync(Client.Accounts.MeshAccountKeys.FromSeed("a").CreateRequest("alice@example.com", sockets.Layout));
        var b = await inProcess.Client.CreateAccountAsync(Client.Accounts.MeshAccountKeys.FromSeed("a").CreateRequest("alice@example.com", inProcess.Layout));
        Assert.Equal(a.Exchange.RequestBody, b.Exchange.RequestBody);
        Assert.Equal(a.Exchange.ResponseBody, b.Exchange.ResponseBody);
    }

    /// <summary>Hides the length so HttpClient sends Transfer-Encoding: chunked.</summary>
    sealed class ChunkedContent : HttpContent
    {
        readonly HttpContent inner;

        public ChunkedContent(HttpContent inner)
        {
            this.inner = inner;
            Headers.ContentType = inner.Headers.ContentType;
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => inner.CopyToAsync(stream);
        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
