using Mesh.Client.Accounts;
using Mesh.Conformance.Drivers;
using Mesh.Conformance.Scenarios;
using Mesh.Conformance.Specs.Support;
using Mesh.Service;
using Mesh.Wire.Crypto;
using Mesh.Wire.Dare;
using Mesh.Wire.Messages;
using Mesh.Wire.Objects;
using TechTalk.SpecFlow;
using static Mesh.Conformance.Scenarios.Expect;

namespace Mesh.Conformance.Specs.StepDefinitions;

/// <summary>Connect and Complete (draft §8): the device asks, the administrator answers, the device collects.</summary>
[Binding]
public sealed class ConnectSteps(ServiceTargetDriver target, TransactionDriver transactions, ActorsDriver actors, ConnectionDriver connections)
    : TransactionStepBase(target, transactions, actors)
{
    [Given(@"the device ""(.*)"" has asked to connect to (\S+)")]
    public async Task GivenAConnectRequest(string device, AccountAddress account) => await WhenTheDeviceConnects(device, account);

    [Given(@"(\w+) has accepted the device ""(.*)""")]
    public async Task GivenAccepted(string holder, string device) => await WhenTheHolderAccepts(holder, device);

    [When(@"the device ""(.*)"" connects to (\S+)")]
    public Task WhenTheDeviceConnects(string device, AccountAddress account) => connections.ConnectAsync(device, account);

    [When(@"the device ""(.*)"" connects to (\S+) with the PIN identifier ""(.*)""")]
    public Task WhenTheDeviceConnectsWithPin(string device, AccountAddress account, string pinUdf) => connections.ConnectAsync(device, account, pinUdf);

    [When(@"the device ""(.*)"" connects to (\S+) with a request signed by another key")]
    public Task WhenTheDeviceConnectsForged(string device, AccountAddress account) => Transactions.SendAsync(new ConnectRequest
    {
        MessageConnectionRequestClient = SignedObjects.Sign(Actors.Device(device).RequestConnection(account, Actors.Device(device).ClientNonce, Layout), Actors.Device("mallory's laptop").Authentication, Layout),
    });

    [When(@"the device ""(.*)"" connects to (\S+) with (its device profile|its connection request) carrying (.+)")]
    public Task WhenTheDeviceConnectsWithFlawedSignature(string device, AccountAddress account, string signed, string flaw)
    {
        var keys = Actors.Device(device);
        var stranger = Actors.Device("mallory's laptop").Authentication;
        var connection = keys.RequestConnection(account, keys.ClientNonce, Layout);
        if (signed == "its device profile") connection.EnvelopedProfileDevice = SignatureFlaws.Apply(connection.EnvelopedProfileDevice!, flaw, stranger);
        var request = SignedObjects.Sign(connection, keys.Authentication, Layout);
        if (signed == "its connection request") request = SignatureFlaws.Apply(request, flaw, stranger);
        return Transactions.SendAsync(new ConnectRequest { MessageConnectionRequestClient = request });
    }

    /// <summary>
    /// The device profile's offline key is the identity point and the profile is "signed" by it
    /// (<see cref="SignatureFlaws.SignedByIdentityKey"/>); the connection request is signed by the device's real
    /// authentication key, so only the small-order key is wrong.
    /// </summary>
    [When(@"the device ""(.*)"" connects to (\S+) with a device profile whose offline key is the identity point")]
    public Task WhenTheDeviceConnectsWithTheIdentityKey(string device, AccountAddress account)
    {
        var keys = Actors.Device(device);
        var profile = new ProfileDevice { KeyOfflineSignature = SignatureFlaws.IdentityKey(), KeyEncryption = keys.Encryption.ToPublicKey(), KeyAuthentication = keys.Authentication.ToPublicKey() };
        var connection = keys.RequestConnection(account, keys.ClientNonce, Layout);
        connection.EnvelopedProfileDevice = SignatureFlaws.SignedByIdentityKey(SignedObjects.Sign(profile, keys.Offline, Layout));
        return Transactions.SendAsync(new ConnectRequest { MessageConnectionRequestClient = SignedObjects.Sign(connection, keys.Authentication, Layout) });
    }

    [Given(@"(\w+) has rejected the device ""(.*)""")]
    public async Task GivenRejected(string holder, string device) => Succeeded(await connections.RejectAsync(holder), $"the rejection of {device}");

    [When(@"a device that never connected completes a connection to (\S+)")]
    public Task WhenAStrangerCompletes(AccountAddress account) =>
        Transactions.SendAsync(new CompleteRequest { Account = account, ResponseID = Message.ResponseIdFor(Wire.Fingerprints.Udf.Nonce(new Wire.Crypto.SeededRandomSource("never connected"))) });

    [When(@"(\w+) accepts the device ""(.*)""")]
    public Task WhenTheHolderAccepts(string holder, string device) => connections.AcceptAsync(holder, device);

    [When(@"the device ""(.*)"" completes its connection to (\S+)")]
    public Task WhenTheDeviceCompletes(string device, AccountAddress account) => connections.CompleteAsync(device, account);

    [When(@"the device ""(.*)"" asks for its catalog entry in (\S+)")]
    public Task WhenTheDeviceCompletes2019(string device, AccountAddress account) =>
        Transactions.SendAsync(new CompleteRequest { Account = account, ServiceID = account, DeviceUDF = Actors.Device(device).DeviceUdf });

    [Then(@"the acknowledgement carries the witness both sides compute for the device ""(.*)"" and (\w+)")]
    public void ThenTheWitness(string device, string holder)
    {
        var ack = Payload<AcknowledgeConnection>(Typed<ConnectResponse>().EnvelopedConnectionResponse, "ConnectResponse.EnvelopedConnectionResponse");
        That(ack.ServerNonce is not null, "The AcknowledgeConnection carries the service's nonce (draft §8.1)", "a ServerNonce", WireText);
        var mesh = Actors.Account(holder).MeshOffline;
        var phone = Actors.Device(device).Offline;
        var expected = ConnectionWitness.Of(KeyInfo.Encode(mesh.Curve, mesh.PublicKey), mesh.Udf, ack.ServerNonce!,
            KeyInfo.Encode(phone.Curve, phone.PublicKey), phone.Udf, Actors.Device(device).ClientNonce);
        Equal(expected, ack.Witness, "The witness is the author's MakeWitnessString over both offline signature keys' 512-bit UDFs and both nonces (A33)", WireText, "H37");
    }

    [Then(@"the Connect response carries the Mesh profile and the account assertion (\w+) created the account with")]
    public void ThenTheConnectResponseCarriesTheAccount(string holder)
    {
        var created = CreateRequestOf(holder, Target.Account(holder));
        var response = Typed<ConnectResponse>();
        // A profile whose signatures are dropped is one no device can verify: in draft-03 that is decision H22 (A21).
        SameEnvelope(created.SignedProfileMesh!, response.EnvelopedProfileMaster, "ConnectResponse.EnvelopedProfileMaster is the account's Mesh profile as created",
            Target.Profile == ProtocolProfile.Reference ? null : "H22");
        SameEnvelope(created.SignedAssertionAccount!, response.EnvelopedAccountAssertion, "ConnectResponse.EnvelopedAccountAssertion is the account assertion as created");
    }

    [Then(@"the acknowledgement holds the connection request of the device ""([^""]*)"" as it was sent to (\S+)")]
    public void ThenTheAckHoldsTheRequest(string device, AccountAddress account) => AckHolds(device, account, pinUdf: null);

    [Then(@"the acknowledgement holds the connection request of the device ""(.*)"" with the PIN identifier ""(.*)"" as it was sent to (\S+)")]
    public void ThenTheAckHoldsThePinRequest(string device, string pinUdf, AccountAddress account) => AckHolds(device, account, pinUdf);

    void AckHolds(string device, AccountAddress account, string? pinUdf)
    {
        var sent = Actors.Connection(device, account, Layout, pinUdf).Connect().MessageConnectionRequestClient!;
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
        var hostKey = await Target.AdvertisedHostKeyAsync();
        That(envelope is not null, "The ConnectResponse carries the AcknowledgeConnection", "an EnvelopedConnectionResponse", WireText);
        var check = EnvelopeReader.VerifySignatures(envelope!, ProfileKeys.Resolver([hostKey]));
        That(check.IsValid, "The AcknowledgeConnection is signed by the host key advertised in Hello", $"a signature by {hostKey.UDF}", check.Reason);
    }

    [Then(@"the inbound spool of (\S+) ends with an? (\w+) message")]
    public async Task ThenTheSpoolEndsWith(AccountAddress account, string type)
    {
        var entries = await Target.EntriesAsync(account, Target.Containers.Inbound);
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
        Equal(Actors.Device(device).DeviceUdf, Typed<StatusResponse>().EnvelopedCatalogEntryDevice is { } entry ? EnvelopeReader.TryMeta(entry)?.UniqueID : null,
            "Complete (2019 shape) returns the device's catalog entry", WireText);
}
