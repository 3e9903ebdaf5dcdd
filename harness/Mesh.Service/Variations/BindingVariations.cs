namespace Mesh.Service.Variations;

/// <summary>The variations that show in the HTTP binding of an answer (draft §4.2.2): its headers and framing.</summary>
public static class BindingVariations
{
    /// <summary>The headers an answer carries besides Content-Type and Content-Length.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Headers(ServiceOptions options)
    {
        if (!options.Takes(ServiceVariations.NoCacheControl)) yield return new("Cache-Control", "no-store");
        if (!options.Takes(ServiceVariations.ExtraResponseHeaders)) yield break;
        yield return new("Server", "OtherMesh/0.3");
        yield return new("X-Mesh-Trace", Convert.ToHexStringLower(options.Random.GetBytes(8)));
        yield return new("Vary", "Accept-Encoding");
    }

    /// <summary>The Content-Type of an answer in <paramref name="mediaType"/>.</summary>
    public static string ContentType(ServiceOptions options, string mediaType) =>
        options.Takes(ServiceVariations.CharsetContentType) && mediaType == "application/json" ? mediaType + "; charset=utf-8" : mediaType;

    /// <summary>Whether an answer says its length; without it the body goes chunked.</summary>
    public static bool SendsContentLength(ServiceOptions options) => !options.Takes(ServiceVariations.ChunkedResponses);
}
