using Mesh.Hosting;
using System.Net.Http.Headers;
using Mesh.Conformance.Drivers;
using Mesh.Conformance.Reports;
using Mesh.Conformance.Targets;
using Mesh.Wire.Dare;
using Mesh.Wire.Json;
using Mesh.Wire.Messages;
using Mesh.Wire.Model;
using Mesh.Wire.Objects;

namespace Mesh.Conformance.Clients;

/// <summary>
/// Judges a third-party client from what the reference service recorded (<c>check-client</c>, issue 5): per
/// request the binding (POST, well-known path, Host, content type, Content-Length, Cache-Control), the message
/// (a tagged request of a known transaction, no unknown members, Account on User transactions) and its
/// envelopes (each signature verifies with a key the request carries); once, that discovery asked DNS for the
/// SRV record. Each check is a graded result, reported like a suite run.
/// </summary>
public static class ClientChecker
{
    const string Feature = "Client";

    public static IReadOnlyList<ScenarioResult> Check(ClientRecording recording)
    {
        var results = new List<ScenarioResult>();
        var srv = $"_mmm._tcp.{recording.Setting.Domain}";
        results.Add(Result("client-discovers-by-srv", "0", "4.1", "should", "The client finds the service through the SRV record of _mmm._tcp.<domain>",
            recording.Queries.Any(q => string.Equals(q.Name.TrimEnd('.'), srv, StringComparison.OrdinalIgnoreCase) && q.Type == "SRV"),
            $"an SRV query for {srv}", recording.Queries.Count == 0 ? "no DNS query" : string.Join(", ", recording.Queries.Select(q => $"{q.Type} {q.Name}").Distinct())));
        foreach (var request in recording.Requests) results.AddRange(CheckRequest(request, recording.Setting));
        return results;
    }

    static IEnumerable<ScenarioResult> CheckRequest(Hosting.Recording.RecordedRequest request, RecordedSetting setting)
    {
        var n = request.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var body = request.BodyBytes;
        var wire = $"{request.Method} {request.Path}\n{string.Join("\n", request.Headers.Select(h => $"{h.Key}: {h.Value}"))}\n\n{ExchangeText.Body(body)}";
        ScenarioResult Check(string id, string spec, string level, string requirement, bool holds, string expected, string actual) =>
            Result(id, n, spec, level, requirement, holds, expected, actual, wire);

        yield return Check("client-posts", "4.2.2", "must", "Every transaction is one HTTP POST", request.Method == "POST", "POST", request.Method);
        yield return Check("client-well-known-path", "4.2.3", "must", "The request goes to the well-known path (A1)",
            request.Path == MeshHttpBinding.WellKnownPath || request.Path == MeshHttpBinding.WellKnownPath.TrimEnd('/'), MeshHttpBinding.WellKnownPath, request.Path);
        var host = request.Header("Host") ?? "";
        yield return Check("client-host-header", "4.2.3", "should", "The Host header is the authority of the discovered URL (A4)",
            host.Split(':')[0].Equals(setting.HostName, StringComparison.OrdinalIgnoreCase) || host.Split(':')[0].Equals(setting.Domain, StringComparison.OrdinalIgnoreCase),
            $"{setting.HostName}:{setting.Port}", host.Length == 0 ? "(none)" : host);
        var type = MediaTypeHeaderValue.TryParse(request.Header("Content-Type"), out var media) ? media.MediaType : null;
        yield return Check("client-content-type", "4.4", "must", "The body is JSON, the encoding every service accepts", type == "application/json",
            "application/json", type ?? "(none)");
        yield return Check("client-content-length", "4.2.3", "should", "The body is framed by Content-Length, which the reference server needs (A27)",
            request.Header("Content-Length") is not null, "a Content-Length header", request.Header("Transfer-Encoding") ?? "(none)");
        yield return Check("client-no-store", "4.2.3", "should", "The request says Cache-Control: no-store", request.Header("Cache-Control")?.Contains("no-store") == true,
            "no-store", request.Header("Cache-Control") ?? "(none)");

        WireRecord? message = null;
        string? problem = null;
        try
        {
            // A DARE envelope (docs/encapsulation.md) carries the request as its payload; an encrypted one cannot be judged here.
            if (DareEnvelope.IsEnvelopeBody(body))
            {
                var envelope = DareEnvelope.Decode(body);
                if (envelope.Header.EncryptionAlgorithm is not null) yield break;
                body = envelope.Payload;
            }
            message = WireSerializer.Decode(body);
        }
        catch (WireFormatException e) { problem = e.Message; }
        var transaction = message is null ? null : Transactions.All.FirstOrDefault(t => t.RequestType == message.GetType());
        yield return Check("client-tagged-request", "4.4", "must", "The body is one request tagged with its transaction name (docs/wire.md)",
            transaction is not null, "a known transaction tag", problem ?? (message is null ? "nothing" : WireTypes.TagOf(message.GetType())));
        if (message is null) yield break;

        var unknown = WireWalker.Descendants(message).SelectMany(d => d.Record.UnknownMembers.Select(m => $"{d.Path}.{m}")).ToList();
        yield return Check("client-no-unknown-members", "4.4", "should", "The request carries no member the schema does not define (A25)", unknown.Count == 0,
            "none", string.Join(", ", unknown));
        if (message is MeshRequestUser user)
            yield return Check("client-names-account", "4.2", "must", "A User transaction names its account (A7)", !string.IsNullOrEmpty(user.Account), "an Account", "(none)");

        var keys = WireWalker.Envelopes(message).SelectMany(e => KeysIn(e.Envelope)).ToList();
        foreach (var (path, envelope) in WireWalker.Envelopes(message).Where(e => e.Envelope.Trailer?.Signatures is { Count: > 0 }))
        {
            var verified = EnvelopeReader.VerifySignatures(envelope, ProfileKeys.Resolver(keys));
            yield return Check("client-envelope-signatures", "4.3", "must", $"The signed envelope {path} verifies with a key the request carries",
                verified.IsValid, "a valid digest and signature", verified.Reason);
        }
    }

    /// <summary>The public keys in an envelope's plaintext payload, and in the envelopes nested in it.</summary>
    static IEnumerable<PublicKey> KeysIn(DareEnvelope envelope)
    {
        if (envelope.Header.EncryptionAlgorithm is not null) yield break;
        WireRecord payload;
        try { payload = WireSerializer.Decode(envelope.Payload); }
        catch (WireFormatException) { yield break; }
        foreach (var (_, record) in WireWalker.Descendants(payload))
        {
            if (record is PublicKey key) yield return key;
        }
        foreach (var (_, nested) in WireWalker.Envelopes(payload))
            foreach (var key in KeysIn(nested)) yield return key;
    }

    static ScenarioResult Result(string id, string request, string spec, string level, string requirement, bool holds, string expected, string actual, string? wire = null)
    {
        var key = request == "0" ? id : $"request-{request}.{id}";
        var verdict = Verdicts.Grade(level == "must" ? Scenarios.RequirementLevel.Must : level == "should" ? Scenarios.RequirementLevel.Should : Scenarios.RequirementLevel.May, !holds, null, strict: false);
        var result = new ScenarioResult(key, id, requirement, Feature, spec, level, "client", verdict, 0);
        return holds ? result : result with { Requirement = requirement, Expected = expected, Actual = actual, Exchanges = wire is null ? null : [wire] };
    }
}
