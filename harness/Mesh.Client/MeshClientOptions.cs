using Mesh.Wire.Json;

namespace Mesh.Client;

/// <summary>How the client writes requests: encoding, binary layout, and the dictionary JSON-C shares with the service.</summary>
public sealed record MeshClientOptions
{
    public WireEncoding Encoding { get; init; } = WireEncoding.Json;
    /// <summary>Unwrapped on write (A24); ReferenceWrapped to reproduce the author's bytes.</summary>
    public BinaryLayout Layout { get; init; } = BinaryLayout.Unwrapped;
    public IReadOnlyList<string>? Dictionary { get; init; }
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>Run <see cref="ResponseChecks"/> (signature verification included) on every response; off for load figures.</summary>
    public bool CheckResponses { get; init; } = true;

    public string ContentType => ContentTypeOf(Encoding);

    public static string ContentTypeOf(WireEncoding encoding) => encoding switch
    {
        WireEncoding.JsonB => "application/json-b",
        WireEncoding.JsonC => "application/json-c",
        _ => "application/json",
    };
}
