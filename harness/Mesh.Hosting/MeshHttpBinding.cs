using System.Net.Http.Headers;
using Mesh.Service;
using Mesh.Service.Faults;
using Mesh.Service.Handlers;
using Mesh.Service.Variations;
using Mesh.Wire.Json;
using Mesh.Wire.Messages;
using Mesh.Wire.Model;
using Microsoft.AspNetCore.Http;

namespace Mesh.Hosting;

/// <summary>
/// The Web Service binding (draft §4.2): POST to the well-known path (with or without
/// the trailing slash, A1), any Host accepted (A4), Content-Length or chunked bodies (A27), the size limit
/// (413), the content type and content coding (415), <c>Cache-Control: no-store</c>. Binding failures get an HTTP error with a
/// tagged MeshResponse body; everything else is the service's answer, whose payload Status is authoritative.
/// </summary>
public sealed class MeshHttpBinding(MeshService service, IReadOnlyList<string> servicePaths, Recording.RequestLog? log = null)
{
    public const string WellKnownPath = "/.well-known/mmm/";

    readonly IReadOnlyList<string> paths = service.Context.Commits(ServiceFaults.WrongWellKnownPath) ? ["/mmm/"] : servicePaths;
    bool Commits(string fault) => service.Context.Commits(fault);

    public async Task HandleAsync(HttpContext context)
    {
        if (log is null)
        {
            await Serve(context);
            return;
        }
        // Recording: keep the body as sent (up to 1 MiB) for check-client, then serve as usual.
        context.Request.EnableBuffering(bufferThreshold: 65536, bufferLimit: 1 << 20);
        var body = new MemoryStream();
        try { await context.Request.Body.CopyToAsync(body, context.RequestAborted); }
        catch (IOException) { }
        context.Request.Body.Position = 0;
        await Serve(context);
        log.Add(context.Request.Method, context.Request.Path.Value ?? "", context.Request.IsHttps,
            context.Request.Headers.Select(h => new KeyValuePair<string, string>(h.Key, h.Value.ToString())), body.ToArray(), context.Response.StatusCode);
    }

    async Task Serve(HttpContext context)
    {
        var request = context.Request;
        if (!paths.Contains(request.Path.Value ?? "", StringComparer.Ordinal))
        {
            await Refuse(context, 404, $"No Mesh service at '{request.Path}': the service path is {paths[0]}");
            return;
        }
        if (!HttpMethods.IsPost(request.Method))
        {
            context.Response.Headers.Allow = "POST";
            await Refuse(context, 405, $"Method {request.Method} is not allowed: every transaction is a POST");
            return;
        }
        if (ContentCoding(request) is { } coding)
        {
            await Refuse(context, 415, $"Content-Encoding '{coding}' is not accepted: send the body without a content coding");
            return;
        }
        if (EncodingOf(request.ContentType) is not { } encoding)
        {
            await Refuse(context, 415, $"Content-Type '{request.ContentType}' is not accepted: use {string.Join(", ", AcceptedTypes)}");
            return;
        }
        var limit = Commits(ServiceFaults.OversizedBodyAccepted) ? int.MaxValue : service.Options.BytesMax;
        if (request.ContentLength > limit)
        {
            await Refuse(context, 413, $"Request of {request.ContentLength} bytes is larger than ConstraintsPost.BytesMax ({limit} bytes)");
            return;
        }
        var body = await ReadLimited(request.Body, request.ContentLength, limit, context.RequestAborted);
        if (body is null)
        {
            await Refuse(context, 413, $"Request body is larger than ConstraintsPost.BytesMax ({limit} bytes)");
            return;
        }
        ServiceReply reply;
        try { reply = service.Handle(body, encoding, request.IsHttps); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Never an empty 500: the service failed, and says so in a tagged body that names no internals.
            await Refuse(context, 500, $"Internal error ({e.GetType().Name})");
            return;
        }
        if (Commits(ServiceFaults.Http500OnMalformedJson) && reply.Response.StatusDescription?.StartsWith("Malformed request", StringComparison.Ordinal) == true)
        {
            context.Response.StatusCode = 500;
            return;
        }
        var http = Commits(ServiceFaults.HttpStatusMismatch) && reply.HttpStatus == 200 ? 500
            : service.Options.Takes(ServiceVariations.Http200Always) ? 200 : reply.HttpStatus;
        await Write(context, http, reply.Body, encoding);
    }

    // A coded body read as if it were plain would be misread; HTTP lets a server refuse codings it does not support with 415.
    static string? ContentCoding(HttpRequest request) =>
        request.Headers.ContentEncoding.ToString() is { Length: > 0 } coding && !coding.Equals("identity", StringComparison.OrdinalIgnoreCase) ? coding : null;

    IEnumerable<string> AcceptedTypes => service.Options.BinaryEncodings
        ? [HelloHandler.Json, HelloHandler.JsonB, HelloHandler.JsonC]
        : [HelloHandler.Json];

    WireEncoding? EncodingOf(string? contentType)
    {
        if (Commits(ServiceFaults.ContentTypeIgnored)) return WireEncoding.Json;
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media)) return null;
        return media.MediaType?.ToLowerInvariant() switch
        {
            HelloHandler.Json => WireEncoding.Json,
            HelloHandler.JsonB when service.Options.BinaryEncodings => WireEncoding.JsonB,
            HelloHandler.JsonC when service.Options.BinaryEncodings => WireEncoding.JsonC,
            _ => null,
        };
    }

    // Reads at most limit bytes; null when the body is longer (chunked bodies have no length to check first).
    // A declared length (already checked against the limit, and the framing HTTP holds the body to) is read
    // straight into an array of that size.
    static async Task<byte[]?> ReadLimited(Stream body, long? declared, int limit, CancellationToken cancel)
    {
        if (declared is { } length)
        {
            var exact = new byte[length];
            var filled = 0;
            int got;
            while (filled < exact.Length && (got = await body.ReadAsync(exact.AsMemory(filled), cancel)) > 0) filled += got;
            return filled == exact.Length ? exact : exact[..filled];
        }
        var buffer = new MemoryStream();
        var chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(16384);
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, cancel)) > 0)
            {
                if (buffer.Length + read > limit) return null;
                buffer.Write(chunk, 0, read);
            }
        }
        finally { System.Buffers.ArrayPool<byte>.Shared.Return(chunk); }
        return buffer.ToArray();
    }

    async Task Refuse(HttpContext context, int status, string description)
    {
        var response = new MeshResponse { Status = status, StatusDescription = description };
        await Write(context, status, WireSerializer.Encode(response, WireEncoding.Json, service.Options.Layout), WireEncoding.Json);
    }

    async Task Write(HttpContext context, int status, byte[] body, WireEncoding encoding)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = BindingVariations.ContentType(service.Options, encoding switch
        {
            WireEncoding.JsonB => HelloHandler.JsonB,
            WireEncoding.JsonC => HelloHandler.JsonC,
            _ => HelloHandler.Json,
        });
        foreach (var (name, value) in BindingVariations.Headers(service.Options)) response.Headers[name] = value;
        if (BindingVariations.SendsContentLength(service.Options)) response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.RequestAborted);
    }
}
