using System.Net.Http.Headers;
using Mesh.Wire.Dare;
using Mesh.Wire.Json;
using Mesh.Wire.Messages;
using Mesh.Wire.Model;

namespace Mesh.Client;

/// <summary>
/// The reference client: every transaction as a typed call over the HTTP binding (draft §4.2):
/// POST to the service URI, Content-Length, <c>Content-Type: application/json</c>,
/// <c>Cache-Control: no-store</c>, the Host of the URL (A4). The body is read whatever the HTTP status,
/// and the payload Status is authoritative (A9). Every exchange passes through <see cref="Recorder"/>.
/// </summary>
public sealed class MeshClient : IDisposable
{
    readonly HttpClient http;

    /// <param name="transport">Sockets or in-process; the client does not care which.</param>
    /// <param name="serviceUri">The service URI, e.g. https://mmm.example.com/.well-known/mmm/.</param>
    /// <param name="options">Encoding and layout of requests.</param>
    public MeshClient(HttpMessageHandler transport, Uri serviceUri, MeshClientOptions? options = null)
    {
        Options = options ?? new MeshClientOptions();
        ServiceUri = serviceUri;
        Recorder = new ExchangeRecorder(transport);
        http = new HttpClient(Recorder) { Timeout = Options.Timeout };
    }

    public MeshClientOptions Options { get; }

    /// <summary>DARE message encapsulation of requests and answers, when set (draft §4.3).</summary>
    public DareSession? Encapsulation { get; set; }
    public Uri ServiceUri { get; }
    public ExchangeRecorder Recorder { get; }

    public Task<MeshResult<MeshHelloResponse>> HelloAsync(CancellationToken cancel = default) =>
        SendAsync<MeshHelloResponse>(new HelloRequest(), cancel);

    public Task<MeshResult<CreateResponse>> CreateAccountAsync(CreateRequest request, CancellationToken cancel = default) =>
        SendAsync<CreateResponse>(request, cancel);

    public Task<MeshResult<DeleteResponse>> DeleteAccountAsync(string account, CancellationToken cancel = default) =>
        SendAsync<DeleteResponse>(new DeleteRequest { Account = account }, cancel);

    public Task<MeshResult<StatusResponse>> StatusAsync(StatusRequest request, CancellationToken cancel = default) =>
        SendAsync<StatusResponse>(request, cancel);

    public Task<MeshResult<DownloadResponse>> DownloadAsync(DownloadRequest request, CancellationToken cancel = default) =>
        SendAsync<DownloadResponse>(request, cancel);

    public Task<MeshResult<UploadResponse>> UploadAsync(UploadRequest request, CancellationToken cancel = default) =>
        SendAsync<UploadResponse>(request, cancel);

    /// <summary>Complete: a CompleteResponse for the 2020 shape (ResponseID), a StatusResponse for the 2019 shape.</summary>
    public Task<MeshResult<Response>> CompleteAsync(CompleteRequest request, CancellationToken cancel = default) =>
        SendAsync<Response>(request, cancel);

    public Task<MeshResult<ConnectResponse>> ConnectAsync(ConnectRequest request, CancellationToken cancel = default) =>
        SendAsync<ConnectResponse>(request, cancel);

    public Task<MeshResult<PostResponse>> PostAsync(PostRequest request, CancellationToken cancel = default) =>
        SendAsync<PostResponse>(request, cancel);

    /// <summary>Sends any request and reads the answer; transport failures throw <see cref="MeshClientException"/>.</summary>
    public async Task<MeshResult<TResponse>> SendAsync<TResponse>(Request request, CancellationToken cancel = default) where TResponse : Response
    {
        // Draft §4.4: Hello goes in JSON whatever the client's encoding, since the other encodings are learnt from its answer.
        var encoding = request is HelloRequest ? WireEncoding.Json : Options.Encoding;
        return await SendBytesAsync<TResponse>(Encapsulation?.Wrap(request, Options.Layout) ?? WireSerializer.Encode(request, encoding, Options.Layout, Options.Dictionary),
            request is HelloRequest ? MeshClientOptions.ContentTypeOf(WireEncoding.Json) : Options.ContentType, cancel, WireTypes.TagOf(request.GetType()));
    }

    /// <summary>Sends a body as given (malformed input for negative tests, recorded bytes for replays).</summary>
    public async Task<MeshResult<TResponse>> SendBytesAsync<TResponse>(byte[] body, string contentType, CancellationToken cancel = default, string? transaction = null) where TResponse : Response
    {
        var message = new HttpRequestMessage(HttpMethod.Post, ServiceUri) { Content = new ByteArrayContent(body) };
        if (transaction is not null) message.Options.Set(ExchangeRecorder.TransactionKey, transaction);
        message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        message.Headers.CacheControl = new CacheControlHeaderValue { NoStore = true };
        try
        {
            using var response = await http.SendAsync(message, cancel);
            await response.Content.LoadIntoBufferAsync(cancel);
        }
        catch (HttpRequestException e) { throw new MeshClientException($"Cannot reach {ServiceUri}: {e.Message}", e); }
        catch (TaskCanceledException e) when (!cancel.IsCancellationRequested) { throw new MeshClientException($"No answer from {ServiceUri} within {Options.Timeout.TotalSeconds:0.#} s", e); }
        message.Options.TryGetValue(ExchangeRecorder.ExchangeKey, out var exchange);
        return Read<TResponse>(exchange!);
    }

    /// <summary>Any HTTP request through the same transport and recorder (wrong methods and paths in binding tests).</summary>
    public async Task<MeshResult<Response>> SendHttpAsync(HttpRequestMessage message, CancellationToken cancel = default)
    {
        try
        {
            using var response = await http.SendAsync(message, cancel);
            await response.Content.LoadIntoBufferAsync(cancel);
        }
        catch (HttpRequestException e) { throw new MeshClientException($"Cannot reach {message.RequestUri}: {e.Message}", e); }
        message.Options.TryGetValue(ExchangeRecorder.ExchangeKey, out var exchange);
        return Read<Response>(exchange!);
    }

    MeshResult<TResponse> Read<TResponse>(Exchange exchange) where TResponse : Response
    {
        var problems = new List<string>();
        Response? response = null;
        if (exchange.ResponseBody.Length == 0) problems.Add($"HTTP {exchange.Status} with an empty body");
        else if (Encapsulation is not null && DareEnvelope.IsEnvelopeBody(exchange.ResponseBody))
        {
            response = Encapsulation.Unwrap(exchange.ResponseBody, problems);
        }
        else
        {
            try
            {
                var decoded = WireSerializer.Decode(exchange.ResponseBody, Options.Dictionary);
                response = decoded as Response;
                if (response is null) problems.Add($"answer tagged {WireTypes.TagOf(decoded.GetType())} is not a response");
            }
            catch (WireFormatException e) { problems.Add($"unreadable response: {e.Message}"); }
        }
        if (response is not null && Options.CheckResponses) problems.AddRange(ResponseChecks.Check<TResponse>(response, exchange));
        return new MeshResult<TResponse>(exchange.Status, response, problems, exchange);
    }

    public void Dispose() => http.Dispose();
}
