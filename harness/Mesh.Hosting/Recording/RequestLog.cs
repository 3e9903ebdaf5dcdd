using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mesh.Hosting.Recording;

/// <summary>One request as the service received it: what a client under test sent, exactly.</summary>
public sealed record RecordedRequest(
    int Sequence,
    DateTimeOffset Received,
    string Method,
    string Path,
    bool Tls,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    string Body,
    int Status)
{
    /// <summary>The body's bytes (kept as base64 in the log).</summary>
    [JsonIgnore]
    public byte[] BodyBytes => Convert.FromBase64String(Body);

    public string? Header(string name) =>
        Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}

/// <summary>
/// Records every request the service receives (<c>serve --record DIR</c>) as JSON lines in
/// <c>DIR/requests.jsonl</c>, for <c>check-client</c> to judge afterwards.
/// </summary>
public sealed class RequestLog(string folder)
{
    public const string FileName = "requests.jsonl";

    static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    readonly object gate = new();
    int sequence;

    public string Folder { get; } = folder;

    public void Add(string method, string path, bool tls, IEnumerable<KeyValuePair<string, string>> headers, byte[] body, int status)
    {
        lock (gate)
        {
            Directory.CreateDirectory(Folder);
            var record = new RecordedRequest(++sequence, DateTimeOffset.UtcNow, method, path, tls, headers.ToList(), Convert.ToBase64String(body), status);
            File.AppendAllText(Path.Combine(Folder, FileName), JsonSerializer.Serialize(record, Json) + "\n");
        }
    }

    public static IReadOnlyList<RecordedRequest> Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) throw new FileNotFoundException($"No recorded requests in {folder} ({FileName} is missing)");
        return File.ReadLines(path).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<RecordedRequest>(l, Json)!).ToList();
    }
}
