using System.Text;
using Mesh.Conformance.Drivers;
using Mesh.Conformance.Scenarios;
using Mesh.Service;
using Mesh.Wire.Crypto;
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
    public void ThenTheStatus(int status) =>
        Equal<int?>(status, Last.Status, $"The payload Status is {status}", WireText, StatusCodes.Requirement(target.Profile.Name(), status, Last.Status));

    [Then(@"the HTTP status is (\d+)")]
    public void ThenTheHttpStatus(int status) =>
        Equal(status, Last.HttpStatus, $"The HTTP status is {status}", WireText, StatusCodes.HttpRequirement(target.Profile.Name(), status, Last.HttpStatus));

    [Then(@"the response is tagged (\w+)")]
    public void ThenTheTag(string tag) =>
        Equal(tag, Last.Response is null ? "(no response)" : WireTypes.TagOf(Last.Response.GetType()), $"The response is tagged {tag}", WireText);

    [Then(@"the response StatusExtended is (\d+)")]
    public void ThenTheExtendedStatus(int extended) =>
        Equal<int?>(extended, Last.Response?.StatusExtended, $"StatusExtended is {extended}", WireText, target.Profile == ProtocolProfile.Reference ? "R01" : "H14");

    [Then("the client found nothing wrong with the response")]
    public void ThenNoProblems() => That(Last.Problems.Count == 0, "The response passes the client's checks (tag, Status, signatures)", "no problems", string.Join("; ", Last.Problems));

    [Then(@"the response header (\S+) is ""(.*)""")]
    public void ThenTheHeader(string name, string value) =>
        Equal(value, name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) ? MediaType(Last.Exchange.ResponseHeader(name)) : Last.Exchange.ResponseHeader(name),
            $"The response header {name} is {value}", WireText);

    // A charset parameter does not change the media type (RFC 9110 §8.3.1, RFC 8259 §11): a conforming service may add one.
    static string? MediaType(string? contentType) => contentType?.Split(';')[0].Trim();

    [Then(@"the response echoes the request identifier ""(.*)""")]
    public void ThenTheId(string id) =>
        Equal(id, Last.Response?.ID is { } bytes ? Encoding.UTF8.GetString(bytes) : null, "The response ID echoes the request ID (A31)", WireText);

    /// <summary>For tables that mix successes and refusals: a refusal must also leave the state as it was.</summary>
    [Then(@"the response status is (\d+), and a refusal changes nothing")]
    public async Task ThenTheStatusAndNothingChangedOnRefusal(int status)
    {
        ThenTheStatus(status);
        if (status >= 400) await ThenNothingChanged();
    }

    [Then("the service's state has not changed")]
    public async Task ThenNothingChanged()
    {
        if (!target.NamedAccounts.Any())
            throw new InvalidOperationException("'the service's state has not changed' is misused: the scenario names no account whose state could change");
        Equal(transactions.StateBefore, await target.StateAsync(), "A refused request leaves the service's state exactly as it was (docs/service.md)", id: "H17");
    }

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
        That(problems.Count == 0, $"{field} verifies under its own offline key (draft)", "a valid signature whose kid is the profile's UDF", string.Join("; ", problems));
    }

    [Then(@"the Hello response has exactly the members (.*)")]
    public void ThenTheMembers(string members) =>
        Equal(members, string.Join(", ", WireSchema.MembersOf(typeof(MeshHelloResponse)).Where(m => m.Property.GetValue(Last.Response) is not null).Select(m => m.Name)),
            "The Hello response has the recorded example's members, in order", WireText);

    // ---- accounts and containers ----

    [Then(@"the status carries the Mesh profile of (\w+)")]
    public void ThenTheProfile(string holder)
    {
        // The envelope as CreateAccount sent it, signatures included: a service that keeps the payload and drops the
        // signature returns a profile no device can verify.
        var sent = actors.Account(holder).CreateRequest(target.Account(holder), target.Client.Options.Layout,
            target.Profile != ProtocolProfile.Reference).SignedProfileMesh!;
        var returned = Typed<StatusResponse>().EnvelopedProfileMaster;
        Equal(Convert.ToHexString(sent.Payload), Convert.ToHexString(returned?.Payload ?? []), "Status returns the Mesh profile given at CreateAccount", WireText);
        Equal(sent.Trailer?.Signatures?.Count ?? 0, returned?.Trailer?.Signatures?.Count ?? 0,
            "Status returns the Mesh profile with the signatures it was given (A21)", WireText, target.Profile == ProtocolProfile.Reference ? null : "H22");
        That(target.Profile == ProtocolProfile.Reference || SignedObjects.OpenProfile<ProfileMesh>(returned!).Result.IsValid,
            "The Mesh profile Status returns verifies under its own offline key", "a valid self-signature", WireText, "H22");
    }

    [Then(@"the status reports the containers (.*)")]
    public void ThenTheContainers(string containers) =>
        Equal(containers, string.Join(", ", Typed<StatusResponse>().ContainerStatus?.Select(c => $"{c.Container} ({c.Index})") ?? []), "Status reports each container with its entry count", WireText,
            target.Profile == ProtocolProfile.Reference ? "R02" : "H24");

    [Then(@"(\S+) holds (\d+) entries for (\S+)")]
    public async Task ThenTheContainerHolds(string container, int count, AccountAddress account) =>
        Equal(count, await target.EntryCountAsync(account, container), $"{container} of {account} holds {count} entries");

    [Then(@"the entry results are ""(.*)""")]
    public void ThenTheEntries(string results) =>
        Equal(results, string.Join(", ", Typed<UploadResponse>().Entries?.Select(e => e.IndexContainer is { } i ? $"{e.Result} {i}" : e.Result) ?? []), "Each entry gets its result (A14)", WireText, "H23");

    [Then(@"the download returns entries (\d+) to (\d+) of (\S+) exactly as stored")]
    public void ThenTheDownload(int from, int to, string container)
    {
        var uploaded = transactions.Uploaded(target.Account("alice"), container);
        if (uploaded.Count <= to)
            throw new InvalidOperationException($"the download step is misused: the scenario uploaded {uploaded.Count} entries to {container}, not entry {to}");
        var returned = Typed<DownloadResponse>().Updates?.FirstOrDefault(u => u.Container == container)?.Envelopes ?? [];
        Equal(to - from + 1, returned.Count, $"Download returns the {to - from + 1} entries {from}..{to} of {container}", WireText);
        for (var i = 0; i < returned.Count; i++)
            Equal(Convert.ToHexString(uploaded[from + i].EncodeArray()), Convert.ToHexString(returned[i].EncodeArray()),
                $"Download returns entry {from + i} of {container} byte-identical to what was uploaded", WireText);
    }

    [Then(@"the download returns (\d+) entries")]
    public void ThenTheDownloadCount(int count) =>
        Equal(count, Typed<DownloadResponse>().Updates?.Sum(u => u.Envelopes?.Count ?? 0) ?? 0, $"Download returns {count} entries", WireText, "H29");

    // ---- connection ----

    [Then(@"the acknowledgement carries the witness both sides compute for the device ""(.*)"" and (\w+)")]
    public void ThenTheWitness(string device, string holder)
    {
        var ack = Payload<AcknowledgeConnection>(Typed<ConnectResponse>().EnvelopedConnectionResponse, "ConnectResponse.EnvelopedConnectionResponse");
        That(ack.ServerNonce is not null, "The AcknowledgeConnection carries the service's nonce (draft §8.1)", "a ServerNonce", WireText);
        var mesh = actors.Account(holder).MeshOffline;
        var phone = actors.Device(device).Offline;
        var expected = ConnectionWitness.Of(KeyInfo.Encode(mesh.Curve, mesh.PublicKey), mesh.Udf, ack.ServerNonce!,
            KeyInfo.Encode(phone.Curve, phone.PublicKey), phone.Udf, actors.Device(device).ClientNonce);
        Equal(expected, ack.Witness, "The witness is the author's MakeWitnessString over both offline signature keys' 512-bit UDFs and both nonces (A33)", WireText, "H37");
    }

    [Then(@"the Connect response carries the Mesh profile and the account assertion (\w+) created the account with")]
    public void ThenTheConnectResponseCarriesTheAccount(string holder)
    {
        var created = actors.Account(holder).CreateRequest(target.Account(holder), target.Client.Options.Layout, target.Profile != ProtocolProfile.Reference);
        var response = Typed<ConnectResponse>();
        // A profile whose signatures are dropped is one no device can verify: in draft-03 that is decision H22 (A21).
        SameEnvelope(created.SignedProfileMesh!, response.EnvelopedProfileMaster, "ConnectResponse.EnvelopedProfileMaster is the account's Mesh profile as created",
            target.Profile == ProtocolProfile.Reference ? null : "H22");
        SameEnvelope(created.SignedAssertionAccount!, response.EnvelopedAccountAssertion, "ConnectResponse.EnvelopedAccountAssertion is the account assertion as created");
    }

    [Then(@"the acknowledgement holds the connection request of the device ""([^""]*)"" as it was sent to (\S+)")]
    public void ThenTheAckHoldsTheRequest(string device, AccountAddress account) => AckHolds(device, account, pinUdf: null);

    [Then(@"the acknowledgement holds the connection request of the device ""(.*)"" with the PIN identifier ""(.*)"" as it was sent to (\S+)")]
    public void ThenTheAckHoldsThePinRequest(string device, string pinUdf, AccountAddress account) => AckHolds(device, account, pinUdf);

    void AckHolds(string device, AccountAddress account, string? pinUdf)
    {
        var sent = actors.Connection(device, account, target.Client.Options.Layout, pinUdf).Connect().MessageConnectionRequestClient!;
        var ack = Payload<AcknowledgeConnection>(Typed<ConnectResponse>().EnvelopedConnectionResponse, "ConnectResponse.EnvelopedConnectionResponse");
        SameEnvelope(sent, ack.EnvelopedRequestConnection, "AcknowledgeConnection.EnvelopedRequestConnection is the device's request as sent");
    }

    /// <summary>The same signed object: its payload byte for byte (what the signatures cover) and the same signatures.</summary>
    void SameEnvelope(DareEnvelope expected, DareEnvelope? actual, string requirement, string? signaturesJudgedBy = null)
    {
        That(actual is not null, requirement, "the envelope", WireText);
        Equal(Convert.ToHexString(expected.Payload), Convert.ToHexString(actual!.Payload), requirement + ": the payload", WireText);
        Equal(string.Join(",", expected.Trailer?.Signatures?.Select(s => Convert.ToHexString(s.SignatureValue ?? [])) ?? []),
            string.Join(",", actual.Trailer?.Signatures?.Select(s => Convert.ToHexString(s.SignatureValue ?? [])) ?? []), requirement + ": the signatures", WireText,
            signaturesJudgedBy);
    }

    [Then("the acknowledgement is signed by the host key advertised in Hello")]
    public async Task ThenTheAckIsSigned()
    {
        var envelope = Typed<ConnectResponse>().EnvelopedConnectionResponse;
        var hostKey = await target.AdvertisedHostKeyAsync();
        That(envelope is not null, "The ConnectResponse carries the AcknowledgeConnection", "an EnvelopedConnectionResponse", WireText);
        var check = EnvelopeReader.VerifySignatures(envelope!, ProfileKeys.Resolver([hostKey]));
        That(check.IsValid, "The AcknowledgeConnection is signed by the host key advertised in Hello", $"a signature by {hostKey.UDF}", check.Reason);
    }

    [Then(@"the inbound spool of (\S+) ends with an? (\w+) message")]
    public async Task ThenTheSpoolEndsWith(AccountAddress account, string type)
    {
        var entries = await target.EntriesAsync(account, target.Containers.Inbound);
        Equal(type, entries.Count == 0 ? "(an empty spool)" : EnvelopeReader.TryMeta(entries[^1])?.MessageType, $"The message reaches the inbound spool of {account} with its MessageType (A35)");
    }

    [Then("the completion carries the administrator's answer")]
    public void ThenTheCompletion() => ThenTheCompletionSays("Accept");

    [Then("the completion carries the administrator's rejection")]
    public void ThenTheRejection() => ThenTheCompletionSays("Reject");

    void ThenTheCompletionSays(string result) =>
        That(Payload<RespondConnection>(Typed<CompleteResponse>().SignedResponse, "CompleteResponse.SignedResponse").Result == result,
            "Complete returns the RespondConnection the administrator stored (A11)", $"a RespondConnection with Result {result}", WireText);

    [Then(@"the completion carries the catalog entry of the device ""(.*)""")]
    public void ThenTheCatalogEntry(string device) =>
        Equal(actors.Device(device).DeviceUdf, Typed<StatusResponse>().EnvelopedCatalogEntryDevice is { } entry ? EnvelopeReader.TryMeta(entry)?.UniqueID : null,
            "Complete (2019 shape) returns the device's catalog entry", WireText);

    [Then(@"the entry results of the post are ""(.*)""")]
    public void ThenThePostEntries(string results) =>
        Equal(results, string.Join(", ", Typed<PostResponse>().Entries?.Select(e => e.Result) ?? []), "Post reports one result per message", WireText, "H26");

    T Typed<T>() where T : Response =>
        Last.Response as T ?? throw new ConformanceFailure($"The response is a {typeof(T).Name}", typeof(T).Name, WireText);
}
