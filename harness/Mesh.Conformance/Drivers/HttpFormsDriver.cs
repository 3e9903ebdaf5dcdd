using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using Mesh.Client;
using Mesh.Conformance.Scenarios;
using Mesh.Wire.Messages;

namespace Mesh.Conformance.Drivers;

/// <summary>The HTTP/1.1 forms in which a client may send one request (draft §4.2.2: HTTP/1.1 is REQUIRED).</summary>
public enum HttpForm
{
    /// <summary>Content-Length and the body at once: how the reference client sends.</summary>
    Plain,
    /// <summary>Transfer-Encoding: chunked, no Content-Length (A27).</summary>
    Chunked,
    /// <summary><c>Expect: 100-continue</c>: the body follows the server's interim answer.</summary>
    ExpectContinue,
    /// <summary>The body arrives in pieces over about a second, well within the draft's five-second guidance.</summary>
    SlowBody,
    /// <summary>The body gzip-compressed and labelled with Content-Encoding.</summary>
    Gzip,
}

/// <summary>
/// Sends a request in one of the HTTP forms a client may use, or with another Host, method or HTTP version, through the
/// scenario's transport and recorder, so the binding is judged on the forms HTTP allows and not only on ours.
/// </summary>
public sealed class HttpFormsDriver(ServiceTargetDriver target, TransactionDriver transactions)
{
    static readonly byte[] HelloBody = "{\"Hello\": {}}"u8.ToArray();

    /// <summary>
    /// Opens <paramref name="count"/> connections to the service that each send the headers of a Hello declaring a
    /// 1 000-byte body and only its first bytes, then send nothing more: what a slow or hostile client leaves behind.
    /// They stay open until the scenario ends, and close before its service stops. Over TLS any certificate is taken:
    /// these connections judge nothing, and one the service refuses or closes (a limit per client address, say) is its
    /// right. A connection not set up within two seconds means the service accepts no more (its backlog is full): the
    /// stalling stops there.
    /// </summary>
    public async Task StallAsync(int count)
    {
        var uri = target.Client.ServiceUri;
        var address = await target.Target.ResolveAsync(uri.Host);
        var head = Encoding.ASCII.GetBytes($"POST {uri.PathAndQuery} HTTP/1.1\r\nHost: {uri.Authority}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{{\"Hello\":");
        for (var i = 0; i < count; i++)
        {
            var tcp = new TcpClient();
            target.HoldUntilEnd(tcp);
            using var setup = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await tcp.ConnectAsync(address, uri.Port, setup.Token);
                Stream stream = tcp.GetStream();
                if (uri.Scheme == Uri.UriSchemeHttps)
                {
                    var tls = new SslStream(stream, false, (_, _, _, _) => true);
                    target.HoldUntilEnd(tls);
                    await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = uri.Host }, setup.Token);
                    stream = tls;
                }
                await stream.WriteAsync(head, setup.Token);
                await stream.FlushAsync(setup.Token);
            }
            catch (OperationCanceledException) { return; }
            catch (Exception e) when (e is IOException or SocketException or System.Security.Authentication.AuthenticationException) { }
        }
    }

    /// <summary>
    /// Hello on a connection of its own (a client of its own), so that no connection opened earlier can serve it. No
    /// answer at all is the verdict the scenario is for, graded by H81 like a slow one.
    /// </summary>
    public async Task<MeshResult<Response>> SendHelloOnNewConnectionAsync()
    {
        var client = await target.NewClientAsync();
        try { return await transactions.SendAsync(new HelloRequest(), client); }
        catch (MeshClientException e)
        {
            throw new ConformanceFailure("The service answers within 5 seconds while other connections stall (H81)", "an answer to Hello", e.Message, "H81");
        }
    }

    public Task<MeshResult<Response>> SendHelloAsync(HttpForm form) => SendAsync(form, HelloBody);

    public Task<MeshResult<Response>> SendAsync(HttpForm form, byte[] body)
    {
        var message = Post(form switch
        {
            HttpForm.Chunked => new PacedContent(body, pieces: 3, pause: TimeSpan.Zero, knownLength: false),
            HttpForm.SlowBody => new PacedContent(body, pieces: 5, pause: TimeSpan.FromMilliseconds(200), knownLength: true),
            HttpForm.Gzip => Gzipped(body),
            _ => new ByteArrayContent(body),
        });
        if (form is HttpForm.Chunked or HttpForm.SlowBody) message.Options.Set(ExchangeRecorder.StreamedBodyKey, body);
        if (form == HttpForm.ExpectContinue) message.Headers.ExpectContinue = true;
        return transactions.SendHttpAsync(message);
    }

    /// <summary>Hello with the Host header naming <paramref name="host"/> rather than the authority connected to (A4).</summary>
    public Task<MeshResult<Response>> SendHelloWithHostAsync(string host)
    {
        var message = Post(new ByteArrayContent(HelloBody));
        message.Headers.Host = host;
        return transactions.SendHttpAsync(message);
    }

    /// <summary>Hello over HTTP/2 and nothing else; a target that does not offer it is UNSUPPORTED, not failed.</summary>
    public async Task<MeshResult<Response>> SendHelloOverHttp2Async()
    {
        if (target.Client.ServiceUri.Scheme != Uri.UriSchemeHttps)
            throw target.Unsupported("HTTP/2 is offered through TLS (ALPN) and the service is reached over plain http");
        var message = Post(new ByteArrayContent(HelloBody));
        message.Version = HttpVersion.Version20;
        message.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
        try { return await transactions.SendHttpAsync(message); }
        catch (MeshClientException e) when (e.InnerException is HttpRequestException)
        {
            throw target.Unsupported($"the service does not negotiate HTTP/2: {e.InnerException.Message}");
        }
    }

    HttpRequestMessage Post(HttpContent content)
    {
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return new HttpRequestMessage(HttpMethod.Post, target.Client.ServiceUri) { Content = content };
    }

    static ByteArrayContent Gzipped(byte[] body)
    {
        var packed = new MemoryStream();
        using (var gzip = new GZipStream(packed, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(body);
        var content = new ByteArrayContent(packed.ToArray());
        content.Headers.ContentEncoding.Add("gzip");
        return content;
    }

    /// <summary>A body written in pieces, with or without a declared length (without one, HttpClient sends it chunked).</summary>
    sealed class PacedContent(byte[] body, int pieces, TimeSpan pause, bool knownLength) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var size = (body.Length + pieces - 1) / pieces;
            for (var offset = 0; offset < body.Length; offset += size)
            {
                if (offset > 0 && pause > TimeSpan.Zero) await Task.Delay(pause);
                await stream.WriteAsync(body.AsMemory(offset, Math.Min(size, body.Length - offset)));
                await stream.FlushAsync();
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = body.Length;
            return knownLength;
        }
    }
}
