using System.Net.Http.Headers;
using Mesh.Client;
using Mesh.Wire.Dare;
using Mesh.Service;
using Mesh.Wire.Json;
using Mesh.Wire.Messages;
using Mesh.Wire.Model;
using Mesh.Wire.Protocol;

namespace Mesh.Conformance.Drivers;

/// <summary>
/// Performs the scenario's attempts and keeps the last outcome for the Then steps: the service's state
/// just before, the result (response, problems, exchange), or the failure to reach the service.
/// </summary>
public sealed class TransactionDriver(ServiceTargetDriver target)
{
    public MeshResult<Response>? Last { get; private set; }
    public string? StateBefore { get; private set; }

    public MeshResult<Response> LastResult => Last ?? throw new InvalidOperationException("no request has been sent yet");

    readonly Dictionary<(string Account, string Container), List<DareEnvelope>> uploaded = [];

    /// <summary>The encoding the scenario's requests go in from now on (JSON unless a scenario says otherwise, draft §4.4).</summary>
    public WireEncoding Encoding { get; set; } = WireEncoding.Json;

    /// <summary>Sends through the scenario's client, or through an actor's own client.</summary>
    public async Task<MeshResult<Response>> SendAsync(Request request, MeshClient? via = null)
    {
        StateBefore = await target.StateAsync();
        var client = via ?? target.Client;
        var result = Keep(Encoding == WireEncoding.Json ? await client.SendAsync<Response>(request)
            : await client.SendBytesAsync<Response>(WireSerializer.Encode(request, Encoding, client.Options.Layout, Encoding == WireEncoding.JsonC ? JsonCDictionary.Words : null),
                MeshClientOptions.ContentTypeOf(Encoding), transaction: WireTypes.TagOf(request.GetType())));
        if (request is UploadRequest upload) Remember(upload, result);
        return result;
    }

    /// <summary>
    /// Keeps the entries of an accepted upload, in order, per account and container: what a later Download must return.
    /// An upload with entries refused (A14) stores nothing.
    /// </summary>
    public void Remember<T>(UploadRequest upload, MeshResult<T> result) where T : Response
    {
        if (!result.Succeeded || upload.Account is null) return;
        foreach (var update in upload.Updates ?? [])
        {
            if (update.Container is null) continue;
            if (!uploaded.TryGetValue((upload.Account, update.Container), out var list)) uploaded[(upload.Account, update.Container)] = list = [];
            list.AddRange(update.Envelopes ?? []);
        }
    }

    /// <summary>The entries the scenario's accepted uploads gave a container, in order (index 0 first).</summary>
    public IReadOnlyList<DareEnvelope> Uploaded(string account, string container) =>
        uploaded.TryGetValue((account, container), out var list) ? list : [];

    public async Task<MeshResult<Response>> SendBodyAsync(byte[] body, string contentType, MeshClient? via = null)
    {
        StateBefore = await target.StateAsync();
        return Keep(await (via ?? target.Client).SendBytesAsync<Response>(body, contentType));
    }

    public Task<MeshResult<Response>> SendHttpAsync(HttpMethod method, string path, byte[]? body, string? contentType)
    {
        var message = new HttpRequestMessage(method, new Uri(target.Client.ServiceUri, path));
        if (body is not null)
        {
            message.Content = new ByteArrayContent(body);
            if (contentType is not null) message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        return SendHttpAsync(message);
    }

    /// <summary>An HTTP request built by the caller (other framings, headers and versions of one request).</summary>
    public async Task<MeshResult<Response>> SendHttpAsync(HttpRequestMessage message)
    {
        StateBefore = await target.StateAsync();
        return Keep(await target.Client.SendHttpAsync(message));
    }

    MeshResult<Response> Keep(MeshResult<Response> result)
    {
        Last = result;
        return result;
    }
}
