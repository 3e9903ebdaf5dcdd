namespace Mesh.Client;

/// <summary>One HTTP exchange exactly as it went over the wire: what a vector or a failure report shows.</summary>
public sealed record Exchange(
    string Method,
    Uri Uri,
    IReadOnlyList<KeyValuePair<string, string>> RequestHeaders,
    byte[] RequestBody,
    int Status,
    IReadOnlyList<KeyValuePair<string, string>> ResponseHeaders,
    byte[] ResponseBody,
    TimeSpan Elapsed)
{
    /// <summary>The transaction the client sent, when it knows it (the body of an encrypted envelope does not say).</summary>
    public string? Transaction { get; init; }

    /// <summary>The HTTP version of the answer ("1.1", "2").</summary>
    public string HttpVersion { get; init; } = "1.1";

    public string? ResponseHeader(string name) =>
        ResponseHeaders.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    public string? RequestHeader(string name) =>
        RequestHeaders.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}

/// <summary>
/// Sits in front of any transport handler and records every exchange (bytes and headers as sent and
/// received), then tells whoever listens: the hook the conformance suite's vector recorder uses.
/// </summary>
public sealed class ExchangeRecorder : DelegatingHandler
{
    public ExchangeRecorder(HttpMessageHandler inner) : base(inner) { }

    /// <summary>Where the exchange of a request is left, so concurrent callers each find their own.</summary>
    public static readonly HttpRequestOptionsKey<Exchange> ExchangeKey = new("Mesh.Exchange");
    /// <summary>Where the client names the transaction it sends.</summary>
    public static readonly HttpRequestOptionsKey<string> TransactionKey = new("Mesh.Transaction");
    /// <summary>
    /// The body of a request whose content streams (chunked, paced): recorded from here, because reading the content
    /// would buffer it and HttpClient would then send it at once with a Content-Length.
    /// </summary>
    public static readonly HttpRequestOptionsKey<byte[]> StreamedBodyKey = new("Mesh.StreamedBody");

    public event Action<Exchange>? Recorded;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var requestBody = request.Options.TryGetValue(StreamedBodyKey, out var streamed) ? streamed
            : request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var response = await base.SendAsync(request, cancellationToken);
        var responseBody = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        // Put the bytes back so the caller reads the same body.
        var replayed = new ByteArrayContent(responseBody);
        foreach (var header in response.Content.Headers) replayed.Headers.TryAddWithoutValidation(header.Key, header.Value);
        response.Content = replayed;
        var exchange = new Exchange(
            request.Method.Method, request.RequestUri!, Headers(request.Headers, request.Content?.Headers), requestBody,
            (int)response.StatusCode, Headers(response.Headers, response.Content.Headers), responseBody, elapsed)
        {
            Transaction = request.Options.TryGetValue(TransactionKey, out var transaction) ? transaction : null,
            HttpVersion = response.Version.Major == 1 ? $"1.{response.Version.Minor}" : response.Version.Major.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        request.Options.Set(ExchangeKey, exchange);
        Recorded?.Invoke(exchange);
        return response;
    }

    static List<KeyValuePair<string, string>> Headers(System.Net.Http.Headers.HttpHeaders first, System.Net.Http.Headers.HttpHeaders? second) =>
        first.Concat(second ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .Select(h => new KeyValuePair<string, string>(h.Key, string.Join(", ", h.Value))).ToList();
}
