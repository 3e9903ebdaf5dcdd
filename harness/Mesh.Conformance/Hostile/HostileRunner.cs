using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Mesh.Client;
using Mesh.Client.Accounts;
using Mesh.Wire.Crypto;
using Mesh.Wire.Dare;
using Mesh.Wire.Json;
using Mesh.Wire.Messages;

namespace Mesh.Conformance.Hostile;

/// <summary>Where the hostile requests go: a service URL, the domain its accounts live in, and how to watch its state.</summary>
/// <param name="ServiceUri">The service's URL (its well-known path).</param>
/// <param name="Domain">The domain the runner's account is created in.</param>
/// <param name="Handler">Reaches the service (a socket handler, or an in-process one).</param>
/// <param name="Fingerprint">The whole state as text, for an embedded service; null for a foreign one, whose state is seen through Status.</param>
public sealed record HostileTarget(Uri ServiceUri, string Domain, HttpMessageHandler Handler, Func<string>? Fingerprint = null);

/// <summary>What a run found: every request with its answer and the checks it broke.</summary>
public sealed record HostileReport(string Encapsulation, int Seed, IReadOnlyList<HostileResult> Results)
{
    public int Broken => Results.Count(r => !r.Held);
    public int ServerErrors => Results.Count(r => r.HttpStatus >= 500 || r.PayloadStatus >= 500);
    public int Slow => Results.Count(r => r.Milliseconds > HostileRunner.AnswerWithin.TotalMilliseconds);
    public int StateChanges => Results.Count(r => r.StateChanged);

    /// <summary>One row per category: requests, the HTTP codes seen with their counts, and how many broke a check.</summary>
    public IEnumerable<(string Category, int Requests, string Codes, int Broken)> Table() => Results.GroupBy(r => r.Case.Category).OrderBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => (g.Key, g.Count(), string.Join(" ", g.GroupBy(r => r.HttpStatus).OrderBy(c => c.Key).Select(c => $"{c.Key}×{c.Count()}")), g.Count(r => !r.Held)));
}

/// <summary>
/// Sends hostile requests to a Mesh service and checks each answer (docs/service.md, "Hostile input"): no 5xx; an
/// answer within the draft's five seconds (§4.2); a tagged response body (a JSON object of one member, the response
/// type, or a DARE envelope holding one); for a refusal, nothing changed; and the status the project decided where
/// there is one (a duplicate member name: 400). The HTTP server's own refusals of requests that are not HTTP it will
/// read (400, 408, 414, 431, 505 before any Mesh processing) may come with an empty body.
/// </summary>
public static class HostileRunner
{
    public static readonly TimeSpan AnswerWithin = TimeSpan.FromSeconds(5);
    static readonly int[] HttpServerRefusals = [400, 408, 414, 431, 505];
    const int AccountExists = 1; // StatusExtended of a duplicate CreateAccount

    public static async Task<HostileReport> RunAsync(HostileTarget target, string encapsulation, int seed, int count, Action<int, int>? progress = null, CancellationToken cancel = default)
    {
        using var http = new HttpClient(target.Handler, disposeHandler: false) { Timeout = AnswerWithin * 2 };
        var account = $"hostile{seed}{encapsulation}@{target.Domain}";
        var keys = MeshAccountKeys.FromSeed("hostile " + account);
        using var client = new MeshClient(target.Handler, target.ServiceUri);
        if (encapsulation == "dare")
            client.Encapsulation = new DareSession(new SeededRandomSource("hostile runner " + seed)) { Signer = keys.MeshOnline, Decryption = keys.MeshEncryption };
        await Prepare(client, keys, account, cancel);
        var setup = new HostileSetup(account, target.Domain, client.Encapsulation, keys);
        var cases = HostileGenerator.Generate(setup, seed, count);

        Func<Task<string>> observe = target.Fingerprint is { } fingerprint ? () => Task.FromResult(fingerprint()) : () => Observe(client, account, cancel);
        var state = await observe();
        var results = new List<HostileResult>();
        foreach (var hostile in cases)
        {
            var (status, body, elapsed) = await Send(http, target.ServiceUri, hostile, cancel);
            var (payloadStatus, tagged) = Read(body, keys);
            var after = await observe();
            var broken = new List<string>();
            var refused = (payloadStatus ?? status) >= 400 || status >= 400;
            if (status == 0) broken.Add("no answer: the connection failed or timed out");
            if (status >= 500 || payloadStatus >= 500) broken.Add($"a server error ({status}, payload {payloadStatus})");
            if (elapsed > AnswerWithin) broken.Add($"answered after {elapsed.TotalSeconds:F1} s");
            if (status != 0 && !tagged && !(body.Length == 0 && HttpServerRefusals.Contains(status))) broken.Add($"HTTP {status} without a tagged response body");
            if (hostile.ExpectedStatus is { } expected && (payloadStatus ?? status) != expected) broken.Add($"expected {expected}, got {payloadStatus ?? status}");
            var changed = refused && after != state;
            if (changed) broken.Add("a refusal changed the service's state");
            state = after;
            results.Add(new HostileResult(hostile, status, payloadStatus, elapsed.TotalMilliseconds, changed, broken));
            progress?.Invoke(results.Count, cases.Count);
        }
        return new HostileReport(encapsulation, seed, results);
    }

    // The runner's own account, created once per seed (a second run on the same service finds it and goes on with it).
    static async Task Prepare(MeshClient client, MeshAccountKeys keys, string account, CancellationToken cancel)
    {
        if (client.Encapsulation is not null) (await client.HelloAsync(cancel)).Expect();
        var created = await client.CreateAccountAsync(keys.CreateRequest(account, BinaryLayout.Unwrapped), cancel);
        if (!created.Succeeded && created.Response?.StatusExtended != AccountExists)
            throw new MeshClientException($"the service refused the runner's account {account}: {created.Status} {created.Response?.StatusDescription}");
        (await client.StatusAsync(new StatusRequest { Account = account }, cancel)).Expect(); // under DARE, earns the ticket
    }

    // A foreign service's state as the runner's account sees it: its containers and their lengths.
    static async Task<string> Observe(MeshClient client, string account, CancellationToken cancel)
    {
        var status = await client.StatusAsync(new StatusRequest { Account = account }, cancel);
        return string.Join(",", (status.Typed?.ContainerStatus ?? []).Select(c => $"{c.Container}:{c.Index}").Order(StringComparer.Ordinal));
    }

    static async Task<(int Status, byte[] Body, TimeSpan Elapsed)> Send(HttpClient http, Uri service, HostileCase hostile, CancellationToken cancel)
    {
        var uri = hostile.PathSuffix is null ? service : new Uri(service.GetLeftPart(UriPartial.Path) + hostile.PathSuffix, UriKind.Absolute);
        using var request = new HttpRequestMessage(new HttpMethod(hostile.Method), uri);
        if (hostile.Body.Length > 0 || hostile.Method == "POST")
        {
            request.Content = new ByteArrayContent(hostile.Body);
            if (hostile.ContentType is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", hostile.ContentType);
        }
        foreach (var (name, value) in hostile.Headers ?? new Dictionary<string, string>())
        {
            if (name == "Transfer-Encoding") request.Headers.TransferEncodingChunked = true;
            else if (name == "Host") request.Headers.Host = value;
            else if (!request.Headers.TryAddWithoutValidation(name, value)) request.Content?.Headers.TryAddWithoutValidation(name, value);
        }
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await http.SendAsync(request, cancel);
            var body = await response.Content.ReadAsByteArrayAsync(cancel);
            return ((int)response.StatusCode, body, clock.Elapsed);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancel.IsCancellationRequested)
        {
            return (0, [], clock.Elapsed);
        }
    }

    /// <summary>The payload Status of an answer, and whether it is tagged: one JSON member naming a response, bare or in a DARE envelope.</summary>
    static (int? Status, bool Tagged) Read(byte[] body, MeshAccountKeys keys)
    {
        var text = body.AsSpan().TrimStart(" \t\r\n"u8);
        if (text.Length > 0 && text[0] == (byte)'[')
        {
            try
            {
                var envelope = DareEnvelope.Decode(body);
                body = envelope.Header.EncryptionAlgorithm is null ? envelope.Payload : EnvelopeReader.Decrypt(envelope, keys.MeshEncryption);
            }
            catch (Exception e) when (e is WireFormatException or System.Security.Cryptography.CryptographicException) { return (null, false); }
        }
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object) return (null, false);
            var members = document.RootElement.EnumerateObject().ToList();
            if (members is not [var only] || !only.Name.EndsWith("Response", StringComparison.Ordinal) || only.Value.ValueKind != JsonValueKind.Object) return (null, false);
            return (only.Value.TryGetProperty("Status", out var status) && status.TryGetInt32(out var code) ? code : null, true);
        }
        catch (JsonException) { return (null, false); }
    }

    /// <summary>The report as text: a table by category, then every request that broke a check.</summary>
    public static string Render(HostileReport report)
    {
        var text = new StringBuilder();
        text.AppendLine($"Hostile requests, {(report.Encapsulation == "dare" ? "DARE encapsulation" : "bare JSON")}, seed {report.Seed}");
        text.AppendLine($"  {"category",-20} {"requests",8}  {"broken",6}  HTTP codes seen");
        foreach (var (category, requests, codes, broken) in report.Table()) text.AppendLine($"  {category,-20} {requests,8}  {broken,6}  {codes}");
        text.AppendLine($"  {report.Results.Count} requests, {report.ServerErrors} answered 5xx, {report.Slow} over {AnswerWithin.TotalSeconds:F0} s, {report.StateChanges} refusals changed state, {report.Broken} broke a check");
        foreach (var result in report.Results.Where(r => !r.Held))
            text.AppendLine($"  BROKEN {result.Case.Category} '{result.Case.Id}': {string.Join("; ", result.Broken)}");
        return text.ToString();
    }

    /// <summary>Writes <c>report.json</c> in <paramref name="folder"/>: every request (its body as base64) with its answer and broken checks.</summary>
    public static void Write(IEnumerable<HostileReport> reports, string folder)
    {
        Directory.CreateDirectory(folder);
        var json = reports.Select(r => new
        {
            r.Encapsulation, r.Seed, Requests = r.Results.Count, r.ServerErrors, r.Slow, r.StateChanges, r.Broken,
            Categories = r.Table().Select(t => new { t.Category, t.Requests, t.Codes, t.Broken }),
            Results = r.Results.Select(x => new { x.Case.Id, x.Case.Category, x.Case.Method, x.Case.PathSuffix, x.Case.ContentType, Body = Convert.ToBase64String(x.Case.Body), x.HttpStatus, x.PayloadStatus, x.Milliseconds, x.StateChanged, x.Broken }),
        });
        File.WriteAllText(Path.Combine(folder, "report.json"), JsonSerializer.Serialize(json, new JsonSerializerOptions { WriteIndented = true }));
    }
}
