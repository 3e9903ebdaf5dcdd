using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mesh.Conformance.Vectors;

/// <summary>
/// A recorded vector: every exchange one scenario made in one profile, exactly. Format
/// <c>mesh-conformance-vector/1</c>, documented in <c>vectors/README.md</c>. Bodies are kept as the exact
/// text (or base64 for binary encodings); envelope payloads are shown decoded beside them for readers.
/// </summary>
public sealed record VectorFile(string Format, string Scenario, string Profile, string Title, string Spec, IReadOnlyList<VectorExchange> Exchanges)
{
    public const string CurrentFormat = "mesh-conformance-vector/1";

    static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NewLine = "\n",
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public byte[] Encode() => [.. JsonSerializer.SerializeToUtf8Bytes(this, Json), (byte)'\n'];

    public static VectorFile Decode(byte[] data)
    {
        var file = JsonSerializer.Deserialize<VectorFile>(data, Json) ?? throw new InvalidDataException("empty vector file");
        if (file.Format != CurrentFormat) throw new InvalidDataException($"vector format '{file.Format}' is not {CurrentFormat}");
        return file;
    }
}

/// <summary>One exchange: method, path, significant headers, exact bodies, the decoded envelope payloads.</summary>
public sealed record VectorExchange(
    string Transaction,
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> RequestHeaders,
    VectorBody Request,
    int Status,
    IReadOnlyDictionary<string, string> ResponseHeaders,
    VectorBody Response,
    IReadOnlyList<VectorEnvelope>? Envelopes);

/// <summary>A body: <c>text</c> (UTF-8 as is) or <c>base64</c> (JSON-B, JSON-C).</summary>
public sealed record VectorBody(string Form, string Data)
{
    public static VectorBody Of(byte[] bytes) => Reports.ExchangeText.IsText(bytes)
        ? new VectorBody("text", Encoding.UTF8.GetString(bytes))
        : new VectorBody("base64", Convert.ToBase64String(bytes));

    public byte[] Bytes() => Form == "base64" ? Convert.FromBase64String(Data) : Encoding.UTF8.GetBytes(Data);
}

/// <summary>An envelope carried in a request or response, with its payload decoded (for readers; not compared).</summary>
public sealed record VectorEnvelope(string Where, string Payload);
