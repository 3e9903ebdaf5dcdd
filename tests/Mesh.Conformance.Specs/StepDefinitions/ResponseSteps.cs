using Mesh.Conformance.Drivers;
using Mesh.Service.Handlers;
using Mesh.Wire.Dare;
using Mesh.Wire.Messages;
using Mesh.Wire.Model;
using Mesh.Wire.Objects;
using Mesh.Conformance.Specs.Support;
using TechTalk.SpecFlow;
using static Mesh.Conformance.Scenarios.Expect;

namespace Mesh.Conformance.Specs.StepDefinitions;

/// <summary>What the last response, and the service's state, must show.</summary>
[Binding]
public sealed class ResponseSteps(ServiceTargetDriver target, TransactionDriver transactions, ActorsDriver actors)
{
    Mesh.Client.MeshResult<Response> Last => transactions.LastResult;
    string WireText => Scenarios.Expect.WireText(Last);

    [Then(@"the response status is (\d+)")]
    public void ThenTheStatus(int status) => Equal<int?>(status, Last.Status, $"The payload Status is {status}", WireText);

    [Then(@"the HTTP status is (\d+)")]
    public void ThenTheHttpStatus(int status) => Equal(status, Last.HttpStatus, $"The HTTP status is {status}", WireText);

    [Then(@"the response is tagged (\w+)")]
    public void ThenTheTag(string tag) =>
        Equal(tag, Last.Response is null ? "(no response)" : WireTypes.TagOf(Last.Response.GetType()), $"The response is tagged {tag}", WireText);

    [Then(@"the response StatusExtended is (\d+)")]
    public void ThenTheExtendedStatus(int extended) => Equal<int?>(extended, Last.Response?.StatusExtended, $"StatusExtended is {extended}", WireText);

    [Then(@"the response description says ""(.*)""")]
    public void ThenTheDescription(string text) =>
        That(Last.Response?.StatusDescription?.Contains(text, StringComparison.Ordinal) == true, "The StatusDescription says what was wrong", $"…{text}…", WireText);

    [Then("the response has no description")]
    public void ThenNoDescription() => Equal(null, Last.Response?.StatusDescription, "The response has no StatusDescription", WireText);

    [Then("the client found nothing wrong with the response")]
    public void ThenNoProblems() => That(Last.Problems.Count == 0, "The response passes the client's checks (tag, Status, signatures)", "no problems", string.Join("; ", Last.Problems));

    [Then(@"the response header (\S+) is ""(.*)""")]
    public void ThenTheHeader(string name, string value) =>
        Equal(value, Last.Exchange.ResponseHeader(name), $"The response header {name} is {value}", WireText);

    [Then(@"the response echoes the request identifier ""(.*)""")]
    public void ThenTheId(string id) =>
        Equal(id, Last.Response?.ID is { } bytes ? System.Text.Encoding.UTF8.GetString(bytes) : null, "The response ID echoes the request ID (A31)", WireText);

    [Then("the service's state has not changed")]
    public async Task ThenNothingChanged() =>
        Equal(transactions.StateBefore, await target.StateAsync(), "A refused request leaves the service's state exactly as it was (decisions.md §4)");

    // ---- Hello ----

    [Then(@"the Hello response offers version (\d+)\.(\d+)")]
    public void ThenTheVersion(int major, int minor)
    {
        var hello = Typed<MeshHelloResponse>();
        Equal($"{major}.{minor}", $"{hello.Version?.Major}.{hello.Version?.Minor}", "Hello advertises the protocol version", WireText);
    }

    [Then(@"the Hello response lists (\S+) among the encodings")]
    public void ThenAmongTheEncodings(string encoding) =>
        That(Typed<MeshHelloResponse>().Version?.Encodings?.SelectMany(e => e.ID ?? []).Contains(encoding) == true, "Hello lists the accepted encodings",
            $"{encoding} among the encodings", WireText);

    [Then(@"the Hello response lists the encodings (.*)")]
    public void ThenTheEncodings(string encodings) =>
        Equal(encodings, string.Join(", ", Typed<MeshHelloResponse>().Version?.Encodings?.SelectMany(e => e.ID ?? []) ?? []), "Hello lists the accepted encodings", WireText);

    [Then(@"the Hello response advertises a request limit of (\d+) bytes")]
    public void ThenTheLimit(int bytes) => Equal<int?>(bytes, Typed<MeshHelloResponse>().ConstraintsPost?.BytesMax, "Hello advertises ConstraintsPost.BytesMax (A30)", WireText);

    [Then("the Hello response advertises the account name policy")]
    public void ThenThePolicy() => That(Typed<MeshHelloResponse>().PolicyAccount is { Maximum: > 0 }, "Hello advertises PolicyAccount (A22)", "a PolicyAccount", WireText);

    [Then(@"the (EnvelopedProfileService|EnvelopedProfileHost) is signed by the key its profile names")]
    public void ThenTheProfileIsSigned(string field)
    {
        var hello = Typed<MeshHelloResponse>();
        var problems = field == "EnvelopedProfileService"
            ? Mesh.Client.ResponseChecks.Profile<ProfileService>(hello.EnvelopedProfileService, field).ToList()
            : Mesh.Client.ResponseChecks.Profile<ProfileHost>(hello.EnvelopedProfileHost, field).ToList();
        That(problems.Count == 0, $"{field} verifies under its own offline key (protocol.md §5.1)", "a valid signature whose kid is the profile's UDF", string.Join("; ", problems));
    }

    [Then(@"the Hello response has exactly the members (.*)")]
    public void ThenTheMembers(string members) =>
        Equal(members, string.Join(", ", WireSchema.MembersOf(typeof(MeshHelloResponse)).Where(m => m.Property.GetValue(Last.Response) is not null).Select(m => m.Name)),
            "The Hello response has the recorded example's members, in order", WireText);

    // ---- accounts and containers ----

    [Then(@"the status carries the Mesh profile of (\w+)")]
    public void ThenTheProfile(string holder) =>
        Equal(Convert.ToHexString(Mesh.Wire.Model.WireSerializer.Encode(actors.Account(holder).ProfileMesh, Mesh.Wire.Json.WireEncoding.Json, target.Client.Options.Layout)),
            Convert.ToHexString(Typed<StatusResponse>().EnvelopedProfileMaster?.Payload ?? []), "Status returns the Mesh profile given at CreateAccount");

    [Then(@"the status reports the containers (.*)")]
    public void ThenTheContainers(string containers) =>
        Equal(containers, string.Join(", ", Typed<StatusResponse>().ContainerStatus?.Select(c => $"{c.Container} ({c.Index})") ?? []), "Status reports each container with its entry count", WireText);

    [Then(@"(\S+) holds (\d+) entries for (\S+)")]
    public async Task ThenTheContainerHolds(string container, int count, AccountAddress account) =>
        Equal(count, await target.EntryCountAsync(account, container), $"{container} of {account} holds {count} entries");

    [Then(@"the entry results are ""(.*)""")]
    public void ThenTheEntries(string results) =>
        Equal(results, string.Join(", ", Typed<UploadResponse>().Entries?.Select(e => e.IndexContainer is { } i ? $"{e.Result} {i}" : e.Result) ?? []), "Each entry gets its result (A14)", WireText);

    [Then(@"the download returns entries (\d+) to (\d+) of (\S+) exactly as stored")]
    public async Task ThenTheDownload(int from, int to, string container)
    {
        var account = target.Account("alice");
        var update = Typed<DownloadResponse>().Updates?.SingleOrDefault(u => u.Container == container);
        var stored = (await target.EntriesAsync(account, container)).Skip(from).Take(to - from + 1).Select(e => Convert.ToHexString(e.EncodeArray()));
        Equal(string.Join("|", stored), string.Join("|", update?.Envelopes?.Select(e => Convert.ToHexString(e.EncodeArray())) ?? []),
            $"Download returns entries {from}..{to} byte-identical to what was uploaded (protocol.md §5.6)");
    }

    [Then(@"the download returns (\d+) entries")]
    public void ThenTheDownloadCount(int count) =>
        Equal(count, Typed<DownloadResponse>().Updates?.Sum(u => u.Envelopes?.Count ?? 0) ?? 0, $"Download returns {count} entries", WireText);

    // ---- connection ----

    [Then(@"the acknowledgement carries the witness both sides compute for the device ""(.*)"" and (\w+)")]
    public void ThenTheWitness(string device, string holder)
    {
        var response = Typed<ConnectResponse>();
        var ack = EnvelopeReader.Payload<AcknowledgeConnection>(response.EnvelopedConnectionResponse!);
        var nonce = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(device))[..16];
        Equal(Witness.Compute(actors.Account(holder).MeshUdf, ack.ServerNonce!, actors.Device(device).DeviceUdf, nonce), ack.Witness,
            "The witness is SHA-512(SHA-512(F_mesh ‖ ServerNonce) ‖ SHA-512(F_device ‖ ClientNonce)) at 140 bits (protocol.md §5.8)", WireText);
    }

    [Then("the acknowledgement is signed by the host key advertised in Hello")]
    public void ThenTheAckIsSigned()
    {
        var keys = Mesh.Wire.Dare.ProfileKeys.Resolver([target.Service.Host.Service.Identity.ProfileHost.KeyOfflineSignature!]);
        var check = EnvelopeReader.VerifySignatures(Typed<ConnectResponse>().EnvelopedConnectionResponse!, keys);
        That(check.IsValid, "The AcknowledgeConnection is signed by the host", "a signature by the host key", check.Reason);
    }

    [Then(@"the inbound spool of (\S+) ends with an? (\w+) message")]
    public async Task ThenTheSpoolEndsWith(AccountAddress account, string type)
    {
        var last = (await target.EntriesAsync(account, target.Containers.Inbound))[^1];
        Equal(type, EnvelopeReader.Meta(last)?.MessageType, $"The message reaches the inbound spool of {account} with its MessageType (A35)");
    }

    [Then("the completion carries the administrator's answer")]
    public void ThenTheCompletion() =>
        That(Typed<CompleteResponse>().SignedResponse is { } signed && EnvelopeReader.Payload<RespondConnection>(signed).Result == "Accept",
            "Complete returns the RespondConnection the administrator stored (A11)", "a RespondConnection with Result Accept", WireText);

    [Then(@"the completion carries the catalog entry of the device ""(.*)""")]
    public void ThenTheCatalogEntry(string device) =>
        Equal(actors.Device(device).DeviceUdf, Typed<StatusResponse>().EnvelopedCatalogEntryDevice is { } entry ? EnvelopeReader.Meta(entry)?.UniqueID : null,
            "Complete (2019 shape) returns the device's catalog entry", WireText);

    [Then(@"the entry results of the post are ""(.*)""")]
    public void ThenThePostEntries(string results) =>
        Equal(results, string.Join(", ", Typed<PostResponse>().Entries?.Select(e => e.Result) ?? []), "Post reports one result per message", WireText);

    T Typed<T>() where T : Response =>
        Last.Response as T ?? throw new Scenarios.ConformanceFailure($"The response is a {typeof(T).Name}", typeof(T).Name, WireText);
}
