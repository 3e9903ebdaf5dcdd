
using System.Text;
using Mesh.Client.Accounts;
using Mesh.Conformance.Drivers;
using Mesh.Wire.Crypto;
using Mesh.Wire.Dare;
using Mesh.Wire.Json;
using Mesh.Wire.Messages;
using Mesh.Wire.Objects;
using Mesh.Conformance.Specs.Support;
using TechTalk.SpecFlow;
using static Mesh.Conformance.Scenarios.Expect;

namespace Mesh.Conformance.Specs.StepDefinitions;

/// <summary>What the scenario's people and devices do: each When is one transaction through the driver.</summary>
[Binding]
public sealed class TransactionSteps(ServiceTargetDriver target, TransactionDriver transactions, ActorsDriver actors)
{
    BinaryLayout Layout => target.Client.Options.Layout;

    // The reference profile's client behaves as the author's did: the Mesh profile travels unsigned (A21).
    bool SignMeshProfile => target.Profile != Mesh.Service.ProtocolProfile.Reference;

    // ---- states reached by earlier transactions ----

    [Given(@"(\w+) has created the account (\S+)")]
    public async Task GivenAnAccount(string holder, AccountAddress account) =>
        Succeeded(await target.Client.CreateAccountAsync(actors.Account(holder).CreateRequest(account, Layout, SignMeshProfile)), $"CreateAccount of {account}");

    [Given(@"(\w+) has uploaded (\d+) entries to (\S+)")]
    public async Task GivenEntries(string holder, int count, string container)
    {
        var account = target.Account(holder);
        var first = await target.EntryCountAsync(account, container);
        var upload = Upload(account, container, first, count);
        var result = await target.Client.UploadAsync(upload);
        Succeeded(result, $"Upload of {count} entries to {container}");
        transactions.Remember(upload, result);
    }

    [Given(@"the device ""(.*)"" has asked to connect to (\S+)")]
    public async Task GivenAConnectRequest(string device, AccountAddress account) => await WhenTheDeviceConnects(device, account);

    [Given(@"(\w+) has accepted the device ""(.*)""")]
    public async Task GivenAccepted(string holder, string device) => await WhenTheHolderAccepts(holder, device);

    // ---- transactions ----

    [When("the client sends Hello")]
    public Task WhenHello() => transactions.SendAsync(new HelloRequest());

    [When(@"the client sends Hello with the request identifier ""(.*)""")]
    public Task WhenHelloWithId(string id) => transactions.SendAsync(new HelloRequest { ID = Encoding.UTF8.GetBytes(id) });

    [When(@"(\w+) creates the account (\S+)")]
    public Task WhenCreating(string holder, AccountAddress account) => transactions.SendAsync(actors.Account(holder).CreateRequest(account, Layout, SignMeshProfile));

    [When(@"(\w+) creates the account (\S+) with (an unsigned Mesh profile|an assertion signed by another key|an assertion naming (\S+)|the assertion of another Mesh profile|no ServiceID)")]
    public Task WhenCreatingBadly(string holder, AccountAddress account, string flaw, AccountAddress other)
    {
        var keys = actors.Account(holder);
        var request = flaw switch
        {
            "an unsigned Mesh profile" => new CreateRequest { ServiceID = account, SignedProfileMesh = SignedObjects.Plain(keys.ProfileMesh, Layout), SignedAssertionAccount = keys.SignedAssertionAccount(account, Layout) },
            "an assertion signed by another key" => new CreateRequest { ServiceID = account, SignedProfileMesh = keys.SignedProfileMesh(Layout), SignedAssertionAccount = SignedObjects.Sign(keys.ProfileAccount(account), actors.Account("mallory").MeshOnline, Layout) },
            "the assertion of another Mesh profile" => new CreateRequest { ServiceID = account, SignedProfileMesh = actors.Account("mallory").SignedProfileMesh(Layout), SignedAssertionAccount = keys.SignedAssertionAccount(account, Layout) },
            "no ServiceID" => new CreateRequest { SignedProfileMesh = keys.SignedProfileMesh(Layout), SignedAssertionAccount = keys.SignedAssertionAccount(account, Layout) },
            _ => new CreateRequest { ServiceID = account, SignedProfileMesh = keys.SignedProfileMesh(Layout), SignedAssertionAccount = keys.SignedAssertionAccount(other, Layout) },
        };
        return transactions.SendAsync(request);
    }

    /// <summary>
    /// The Mesh profile's offline key is the identity point and the profile is "signed" by it (R = identity, S = 0,
    /// <see cref="SignatureFlaws.SignedByIdentityKey"/>); the assertion, signed by the real online key, names that
    /// profile, so only the small-order key is wrong.
    /// </summary>
    [When(@"(\w+) creates the account (\S+) with a Mesh profile whose offline key is the identity point")]
    public Task WhenCreatingWithTheIdentityKey(string holder, AccountAddress account)
    {
        var keys = actors.Account(holder);
        var identity = SignatureFlaws.IdentityKey();
        var profile = new ProfileMesh { KeyOfflineSignature = identity, KeysOnlineSignature = [keys.MeshOnline.ToPublicKey()], KeyEncryption = keys.MeshEncryption.ToPublicKey() };
        var assertion = keys.ProfileAccount(account);
        assertion.MeshProfileUDF = identity.UDF;
        return transactions.SendAsync(new CreateRequest
        {
            ServiceID = account,
            SignedProfileMesh = SignatureFlaws.SignedByIdentityKey(SignedObjects.Sign(profile, keys.MeshOffline, Layout)),
            SignedAssertionAccount = SignedObjects.Sign(assertion, keys.MeshOnline, Layout),
        });
    }

    [When(@"(\w+) creates the account (\S+) with (its Mesh profile|its account assertion) carrying (.+)")]
    public Task WhenCreatingWithFlawedSignature(string holder, AccountAddress account, string signed, string flaw)
    {
        var keys = actors.Account(holder);
        var request = keys.CreateRequest(account, Layout, signMeshProfile: true);
        var stranger = actors.Account("mallory").MeshOffline;
        if (signed == "its Mesh profile") request.SignedProfileMesh = SignatureFlaws.Apply(request.SignedProfileMesh!, flaw, stranger);
        else request.SignedAssertionAccount = SignatureFlaws.Apply(request.SignedAssertionAccount!, flaw, stranger);
        return transactions.SendAsync(request);
    }

    [When(@"(\w+) deletes the account (\S+)")]
    public Task WhenDeleting(string holder, AccountAddress account) => transactions.SendAsync(new DeleteRequest { Account = account });

    [When(@"(\w+) asks for the status of (\S+)")]
    public Task WhenStatus(string holder, AccountAddress account) => transactions.SendAsync(new StatusRequest { Account = account });

    [When(@"(\w+) asks for the status of (\S+) for the containers (.*)")]
    public Task WhenStatusOf(string holder, AccountAddress account, string containers) =>
        transactions.SendAsync(new StatusRequest { Account = account, Catalogs = [.. containers.Split(", ")] });

    [When("a status request names no account")]
    public Task WhenStatusWithoutAccount() => transactions.SendAsync(new StatusRequest());

    [When(@"(\w+) uploads (\d+) entries to (\S+) starting at index (\d+)")]
    public Task WhenUploading(string holder, int count, string container, int first) =>
        transactions.SendAsync(Upload(target.Account(holder), container, first, count));

    [When(@"(\w+) uploads (\d+) entries to (\S+) and (\d+) to (\S+), both starting at index (\d+)")]
    public Task WhenUploadingTwo(string holder, int count, string container, int otherCount, string other, int first)
    {
        var request = Upload(target.Account(holder), container, first, count);
        request.Updates!.Add(Upload(target.Account(holder), other, 0, otherCount).Updates![0]);
        return transactions.SendAsync(request);
    }

    [When(@"(\w+) uploads a completion marker to the inbound spool")]
    public Task WhenUploadingSelf(string holder) => transactions.SendAsync(new UploadRequest
    {
        Account = target.Account(holder),
        Self = [SignedObjects.Plain(new MessageComplete { MessageID = "completion-1" }, Layout)],
    });

    [When(@"(\w+) downloads (\S+) from index (\d+) to index (\d+)")]
    public Task WhenDownloadingRange(string holder, string container, int from, int to) =>
        transactions.SendAsync(new DownloadRequest { Account = target.Account(holder), Select = [new() { Container = container, IndexMin = from, IndexMax = to }] });

    [When(@"(\w+) downloads (\S+) from index (\d+)")]
    public Task WhenDownloading(string holder, string container, int from) =>
        transactions.SendAsync(new DownloadRequest { Account = target.Account(holder), Select = [new() { Container = container, IndexMin = from }] });

    [When(@"(\w+) downloads at most (\d+) entries of (\S+)")]
    public Task WhenDownloadingAtMost(string holder, int max, string container) =>
        transactions.SendAsync(new DownloadRequest { Account = target.Account(holder), Select = [new() { Container = container }], ConstraintsPost = new ConstraintsData { MaxEntries = max } });

    [When(@"(\w+) downloads without a selection")]
    public Task WhenDownloadingNothing(string holder) => transactions.SendAsync(new DownloadRequest { Account = target.Account(holder) });

    [When(@"the device ""(.*)"" connects to (\S+)")]
    public Task WhenTheDeviceConnects(string device, AccountAddress account) => Connect(device, account, pinUdf: null);

    [When(@"the device ""(.*)"" connects to (\S+) with the PIN identifier ""(.*)""")]
    public Task WhenTheDeviceConnectsWithPin(string device, AccountAddress account, string pinUdf) => Connect(device, account, pinUdf);

    async Task Connect(string device, AccountAddress account, string? pinUdf)
    {
        var result = await transactions.SendAsync(actors.Connection(device, account, Layout, pinUdf).Connect());
        if (result.Succeeded && result.Response is ConnectResponse { EnvelopedConnectionResponse: { } ack }) acknowledgements[device] = ack;
    }

    /// <summary>What each device's Connect answered: the device completes with the MessageID it was given.</summary>
    readonly Dictionary<string, DareEnvelope> acknowledgements = new(StringComparer.OrdinalIgnoreCase);

    [When(@"the device ""(.*)"" connects to (\S+) with a request signed by another key")]
    public Task WhenTheDeviceConnectsForged(string device, AccountAddress account) => transactions.SendAsync(new ConnectRequest
    {
        MessageConnectionRequestClient = SignedObjects.Sign(actors.Device(device).RequestConnection(account, actors.Device(device).ClientNonce, Layout), actors.Device("mallory's laptop").Authentication, Layout),
    });

    [When(@"the device ""(.*)"" connects to (\S+) with (its device profile|its connection request) carrying (.+)")]
    public Task WhenTheDeviceConnectsWithFlawedSignature(string device, AccountAddress account, string signed, string flaw)
    {
        var keys = actors.Device(device);
        var stranger = actors.Device("mallory's laptop").Authentication;
        var connection = keys.RequestConnection(account, keys.ClientNonce, Layout);
        if (signed == "its device profile") connection.EnvelopedProfileDevice = SignatureFlaws.Apply(connection.EnvelopedProfileDevice!, flaw, stranger);
        var request = SignedObjects.Sign(connection, keys.Authentication, Layout);
        if (signed == "its connection request") request = SignatureFlaws.Apply(request, flaw, stranger);
        return transactions.SendAsync(new ConnectRequest { MessageConnectionRequestClient = request });
    }

    /// <summary>
    /// The device profile's offline key is the identity point and the profile is "signed" by it
    /// (<see cref="SignatureFlaws.SignedByIdentityKey"/>); the connection request is signed by the device's real
    /// authentication key, so only the small-order key is wrong.
    /// </summary>
    [When(@"the device ""(.*)"" connects to (\S+) with a device profile whose offline key is the identity point")]
    public Task WhenTheDeviceConnectsWithTheIdentityKey(string device, AccountAddress account)
    {
        var keys = actors.Device(device);
        var profile = new ProfileDevice { KeyOfflineSignature = SignatureFlaws.IdentityKey(), KeyEncryption = keys.Encryption.ToPublicKey(), KeyAuthentication = keys.Authentication.ToPublicKey() };
        var connection = keys.RequestConnection(account, keys.ClientNonce, Layout);
        connection.EnvelopedProfileDevice = SignatureFlaws.SignedByIdentityKey(SignedObjects.Sign(profile, keys.Offline, Layout));
        return transactions.SendAsync(new ConnectRequest { MessageConnectionRequestClient = SignedObjects.Sign(connection, keys.Authentication, Layout) });
    }

    [Given(@"(\w+) has rejected the device ""(.*)""")]
    public async Task GivenRejected(string holder, string device)
    {
        var account = target.Account(holder);
        var acknowledgement = await LastAcknowledgement(account);
        That(acknowledgement.MessageID is not null, "The AcknowledgeConnection carries a MessageID (draft §8)", "a MessageID", "none", "H25");
        var rejection = actors.Account(holder).RejectDevice(account, acknowledgement.MessageID!, (LocalSpool, await target.EntryCountAsync(account, LocalSpool)), Layout);
        Succeeded(await transactions.SendAsync(rejection.Upload), $"the rejection of {device}");
    }

    [When(@"a device that never connected completes a connection to (\S+)")]
    public Task WhenAStrangerCompletes(AccountAddress account) =>
        transactions.SendAsync(new CompleteRequest { Account = account, ResponseID = Message.ResponseIdFor(Wire.Fingerprints.Udf.Nonce(new Wire.Crypto.SeededRandomSource("never connected"))) });

    [When(@"(\w+) accepts the device ""(.*)""")]
    public async Task WhenTheHolderAccepts(string holder, string device)
    {
        var account = target.Account(holder);
        var acknowledgement = await LastAcknowledgement(account);
        That(acknowledgement.MessageID is not null, "The AcknowledgeConnection carries a MessageID (draft §8)", "a MessageID", "none", "H25");
        var acceptance = actors.Connection(device, account, Layout).Accept(actors.Account(holder), acknowledgement.MessageID!,
            (DeviceCatalog, await target.EntryCountAsync(account, DeviceCatalog)), (LocalSpool, await target.EntryCountAsync(account, LocalSpool)));
        await transactions.SendAsync(acceptance.Upload);
    }

    [When(@"the device ""(.*)"" completes its connection to (\S+)")]
    public async Task WhenTheDeviceCompletes(string device, AccountAddress account)
    {
        var acknowledgement = acknowledgements.TryGetValue(device, out var envelope)
            ? Payload<AcknowledgeConnection>(envelope, "The AcknowledgeConnection of the device's Connect")
            : throw new InvalidOperationException($"the step is misused: the device \"{device}\" has not connected");
        That(acknowledgement.MessageID is not null, "The AcknowledgeConnection carries a MessageID (draft §8)", "a MessageID", "none", "H25");
        await transactions.SendAsync(new CompleteRequest { Account = account, ResponseID = Message.ResponseIdFor(acknowledgement.MessageID!) });
    }

    [When(@"the device ""(.*)"" asks for its catalog entry in (\S+)")]
    public Task WhenTheDeviceCompletes2019(string device, AccountAddress account) =>
        transactions.SendAsync(new CompleteRequest { Account = account, ServiceID = account, DeviceUDF = actors.Device(device).DeviceUdf });

    [When(@"(\w+) posts a message to (\S+(?:, \S+)*)")]
    public Task WhenPosting(string holder, string recipients) => transactions.SendAsync(new PostRequest
    {
        Accounts = [.. recipients.Split(", ").Select(target.Account)],
        Message = [SignedObjects.Plain(new RequestContact { Subject = $"from {holder}" }, Layout, new ContentMeta { UniqueID = $"message-from-{holder}" })],
    });

    [When(@"(\w+) posts a message of (\d+) bytes to (\S+)")]
    public Task WhenPostingLarge(string holder, int size, AccountAddress recipient) =>
        transactions.SendAsync(new PostRequest { Accounts = [recipient], Message = [EnvelopeWriter.Plain(new byte[size])] });

    [When("a message is posted without recipients")]
    public Task WhenPostingToNobody() => transactions.SendAsync(new PostRequest { Message = [EnvelopeWriter.Plain([1])] });

    // ---- raw bodies for the binding and error features ----

    [When(@"the client sends the body ""(.*)"" as (\S+)")]
    public Task WhenSendingABody(string body, string contentType) =>
        transactions.SendBodyAsync(Encoding.UTF8.GetBytes(Unescape(body)), contentType);

    [When(@"the client sends the body:")]
    public Task WhenSendingADocument(string body) => transactions.SendBodyAsync(Encoding.UTF8.GetBytes(body), "application/json");

    [When(@"the client sends a (\w+) request to ""(.*)""")]
    public Task WhenSendingMethod(string method, string path) =>
        transactions.SendHttpAsync(new HttpMethod(method), path, method is "GET" or "HEAD" ? null : "{\"Hello\": {}}"u8.ToArray(), "application/json");

    [When(@"the client sends Hello in (JSON-B|JSON-C)")]
    public async Task WhenHelloBinary(string encoding)
    {
        var wire = encoding == "JSON-B" ? WireEncoding.JsonB : WireEncoding.JsonC;
        var dictionary = wire == WireEncoding.JsonC ? Mesh.Service.JsonCDictionary.Words : null;
        await transactions.SendBodyAsync(Mesh.Wire.Model.WireSerializer.Encode(new HelloRequest(), wire, dictionary: dictionary),
            wire == WireEncoding.JsonB ? "application/json-b" : "application/json-c");
    }

    static string Unescape(string text) => text.Replace("\\n", "\n", StringComparison.Ordinal).Replace("\\\"", "\"", StringComparison.Ordinal);

    string DeviceCatalog => target.Containers.Device;
    string LocalSpool => target.Containers.Local;

    /// <summary>
    /// The AcknowledgeConnection the administrator finds in the inbound spool: the last entry labelled so, or, from a
    /// service that stores it without ContentMeta (the author's of 2019, A35), the last entry whose payload is one.
    /// </summary>
    async Task<AcknowledgeConnection> LastAcknowledgement(string account)
    {
        var entries = await target.EntriesAsync(account, target.Containers.Inbound);
        var labelled = entries.LastOrDefault(e => EnvelopeReader.TryMeta(e)?.MessageType == nameof(AcknowledgeConnection));
        if (labelled is not null) return Payload<AcknowledgeConnection>(labelled, "The inbound entry labelled AcknowledgeConnection");
        foreach (var entry in entries.Reverse())
        {
            try { if (EnvelopeReader.Payload<AcknowledgeConnection>(entry) is { EnvelopedRequestConnection: not null } found) return found; }
            catch (Exception e) when (e is not OutOfMemoryException) { } // not an acknowledgement: look further back
        }
        throw new Scenarios.ConformanceFailure("Connect leaves the AcknowledgeConnection in the account's inbound spool for the administrator (A35)",
            "an AcknowledgeConnection among the inbound entries", $"{entries.Count} entries, none an AcknowledgeConnection", "H25");
    }


    static UploadRequest Upload(string account, string container, int first, int count) =>
        new() { Account = account, Updates = [ContainerEntries.Entries(container, first, count)] };
}
