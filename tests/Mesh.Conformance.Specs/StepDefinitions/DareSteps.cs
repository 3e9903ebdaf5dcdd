using Mesh.Client;
using Mesh.Client.Accounts;
using Mesh.Conformance.Drivers;
using Mesh.Wire.Dare;
using Mesh.Wire.Json;
using Mesh.Wire.Messages;
using Mesh.Wire.Objects;
using Mesh.Conformance.Specs.Support;
using TechTalk.SpecFlow;
using static Mesh.Conformance.Scenarios.Expect;

namespace Mesh.Conformance.Specs.StepDefinitions;

/// <summary>DARE message encapsulation (draft §4.3, docs/encapsulation.md): each actor talks through its own session.</summary>
[Binding]
public sealed class DareSteps(ServiceTargetDriver target, TransactionDriver transactions, ActorsDriver actors)
{
    const BinaryLayout Layout = BinaryLayout.Unwrapped;
    MeshClient? lastVia;

    Task<MeshClient> Administrator(string holder) =>
        target.DareClientAsync(holder, actors.Account(holder).MeshOnline, actors.Account(holder).MeshEncryption);

    Task<MeshClient> Device(string name) =>
        target.DareClientAsync(name, actors.Device(name).Authentication, actors.Device(name).Encryption, actors.Device(name).EnvelopedProfileDevice(Layout));

    async Task<MeshResult<Response>> Send(Request request, MeshClient via)
    {
        lastVia = via;
        return await transactions.SendAsync(request, via);
    }

    [Given(@"(\w+) has created the account (\S+) over DARE")]
    public async Task GivenTheAccount(string holder, AccountAddress account)
    {
        var administrator = await Administrator(holder);
        Succeeded(await administrator.CreateAccountAsync(actors.Account(holder).CreateRequest(account, Layout)), $"CreateAccount of {account} over DARE");
        // The state checks read through a session of their own, so they leave the administrator's tickets as they were.
        target.ReadAs(account, () => target.DareClientAsync($"{holder} (state reader)", actors.Account(holder).MeshOnline, actors.Account(holder).MeshEncryption));
    }

    [Given(@"the device ""(.*)"" has been connected to (\S+) by (\w+) over DARE")]
    public Task GivenAConnectedDevice(string device, AccountAddress account, string holder) => ConnectOverDare(device, account, holder, flaw: null);

    /// <summary>
    /// The whole connection, the administrator's acceptance carrying a device-catalog entry whose ConnectionDevice
    /// (the assertion the service authenticates the device by) has <paramref name="flaw"/>. The Upload succeeds, since
    /// the service stores catalog entries as sent; the device does not Complete, a User transaction it is refused.
    /// </summary>
    [Given(@"the device ""(.*)"" has been accepted on (\S+) by (\w+) over DARE with its connection assertion carrying (.+)")]
    public Task GivenAFlawedConnection(string device, AccountAddress account, string holder, string flaw) => ConnectOverDare(device, account, holder, flaw);

    async Task ConnectOverDare(string device, AccountAddress account, string holder, string? flaw)
    {
        var client = await Device(device);
        var connection = actors.Connection(device, account, Layout);
        var connect = Succeeded(await client.ConnectAsync(connection.Connect()), $"Connect of {device} over DARE");
        var messageId = Payload<AcknowledgeConnection>(connect.EnvelopedConnectionResponse, "ConnectResponse.EnvelopedConnectionResponse").MessageID
            ?? throw new Scenarios.ConformanceFailure("The AcknowledgeConnection carries a MessageID (draft §8)", "a MessageID", "none", "H25");
        var devices = target.Containers.Device;
        var local = target.Containers.Local;
        var acceptance = connection.Accept(actors.Account(holder), messageId, (devices, await target.EntryCountAsync(account, devices)), (local, await target.EntryCountAsync(account, local)));
        if (flaw is not null)
        {
            var update = acceptance.Upload.Updates!.Single(u => u.Container == devices);
            var entry = update.Envelopes![0];
            var cataloged = EnvelopeReader.Payload<CatalogedDevice>(entry);
            cataloged.EnvelopedConnectionDevice = SignatureFlaws.Apply(cataloged.EnvelopedConnectionDevice!, flaw, actors.Account("mallory").MeshOnline);
            update.Envelopes[0] = MeshAccountKeys.CatalogEntry(cataloged, EnvelopeReader.TryMeta(entry)!.UniqueID!, entry.Header.ContainerInfo!.Index!.Value, Layout);
        }
        Succeeded(await (await Administrator(holder)).UploadAsync(acceptance.Upload), $"the acceptance of {device}");
        if (flaw is null) Succeeded(await client.CompleteAsync(connection.Complete(acceptance)), $"Complete of {device}");
    }

    [When("the client sends Hello over DARE")]
    public async Task WhenHello() => await Send(new HelloRequest(), await target.DareClientAsync("anonymous"));

    [When(@"a bare request asks for the status of (\S+)")]
    public Task WhenBare(AccountAddress account) => transactions.SendAsync(new StatusRequest { Account = account });

    [Given(@"(\w+) asks for the status of (\S+) over DARE")]
    [When(@"(\w+) asks for the status of (\S+) over DARE")]
    public async Task WhenStatus(string holder, AccountAddress account) => await Send(new StatusRequest { Account = account }, await Administrator(holder));

    [When(@"(\w+) asks for the status of (\S+) over DARE without encryption")]
    public async Task WhenStatusUnencrypted(string holder, AccountAddress account)
    {
        var client = await Administrator(holder);
        client.Encapsulation!.Encrypt = false;
        await Send(new StatusRequest { Account = account }, client);
    }

    [When(@"the device ""(.*)"" asks for the status of (\S+) over DARE")]
    public async Task WhenTheDeviceAsks(string device, AccountAddress account) => await Send(new StatusRequest { Account = account }, await Device(device));

    [When(@"the device ""(.*)"" connects to (\S+) over DARE")]
    public async Task WhenTheDeviceConnects(string device, AccountAddress account) =>
        await Send(actors.Connection(device, account, Layout).Connect(), await Device(device));

    [When(@"(\w+), who is not on the account, signs a status request for (\S+)")]
    public async Task WhenAStrangerAsks(string stranger, AccountAddress account)
    {
        var client = await Administrator(stranger);
        client.Encapsulation!.UseTickets = false;
        await Send(new StatusRequest { Account = account }, client);
    }

    [When(@"(\w+) asks for the status of (\S+) over DARE with its request envelope carrying (.+)")]
    public async Task WhenStatusWithFlawedSignature(string holder, AccountAddress account, string flaw)
    {
        var client = await Administrator(holder);
        var session = client.Encapsulation!;
        var usedTickets = session.UseTickets;
        session.UseTickets = false;
        // A request never sent before, so a refusal cannot be the replay rule's.
        var envelope = DareEnvelope.Decode(session.Wrap(new StatusRequest { Account = account }, Layout));
        session.UseTickets = usedTickets;
        var flawed = SignatureFlaws.Apply(envelope, flaw, actors.Account("mallory").MeshOnline);
        lastVia = client;
        await transactions.SendBodyAsync(flawed.EncodeArray(WireEncoding.Json, Layout), "application/json", client);
    }

    [When(@"(\w+) asks for the status of (\S+) over DARE with (a ticket the service never issued|a ticket whose key is wrong|(\w+)'s ticket)")]
    public async Task WhenStatusWithAnotherTicket(string holder, AccountAddress account, string which, string other)
    {
        var session = (await Administrator(holder)).Encapsulation!;
        var own = session.Ticket ?? throw new InvalidOperationException($"'{which}' is misused: {holder} holds no ticket yet (ask for a status first)");
        session.Ticket = which switch
        {
            "a ticket the service never issued" => own with { Id = Wire.Fingerprints.Udf.Nonce(new Wire.Crypto.SeededRandomSource($"unissued ticket of {holder}")) },
            "a ticket whose key is wrong" => own with { Key = [(byte)(own.Key[0] ^ 0x01), .. own.Key[1..]] },
            _ => (await Administrator(other)).Encapsulation!.Ticket ?? throw new InvalidOperationException($"{other} holds no ticket yet (ask for a status first)"),
        };
        try { await Send(new StatusRequest { Account = account }, await Administrator(holder)); }
        finally { session.Ticket = own; }
    }

    [When(@"(\w+) sends (a status request encrypted to another key than the service's|a request envelope cut short|a request envelope of five numbers) over DARE")]
    public async Task WhenSendingUnopenable(string holder, string what)
    {
        var client = await Administrator(holder);
        var keys = actors.Account(holder);
        byte[] body = what switch
        {
            "a status request encrypted to another key than the service's" => new EnvelopeWriter(new Wire.Crypto.SeededRandomSource($"misdirected by {holder}"))
                .Encrypted(Wire.Model.WireSerializer.Encode(new StatusRequest { Account = target.Account(holder), ID = new byte[16] }, WireEncoding.Json, Layout),
                    [new EnvelopeRecipient(actors.Account("mallory").MeshEncryption.Curve, actors.Account("mallory").MeshEncryption.PublicKey)], keys.MeshOnline)
                .EncodeArray(WireEncoding.Json, Layout),
            "a request envelope cut short" => "[{\"dig\": \"SHA2\"}, \"ewogICJTdGF0dXMiOiB7"u8.ToArray(),
            _ => "[1, 2, 3, 4, 5]"u8.ToArray(),
        };
        lastVia = client;
        await transactions.SendBodyAsync(body, "application/json", client);
    }

    [When("the same request envelope is sent again")]
    public async Task WhenReplayed() => await transactions.SendBodyAsync(transactions.LastResult.Exchange.RequestBody, "application/json", lastVia);

    [When(@"(\d+) (hours?|minutes?) pass(?:es)?")]
    public Task WhenTimePasses(int count, string unit) =>
        target.Target.PassTimeAsync(unit.StartsWith("hour", StringComparison.Ordinal) ? TimeSpan.FromHours(count) : TimeSpan.FromMinutes(count));

    [Given(@"(\w+) has removed the device ""(.*)"" from (\S+)")]
    [When(@"(\w+) removes the device ""(.*)"" from (\S+)")]
    public async Task WhenRemoved(string holder, string device, AccountAddress account)
    {
        var removal = ContainerEntries.Entry([], actors.Device(device).DeviceUdf, await target.EntryCountAsync(account, "mmm_Device"), "Delete");
        await Send(new UploadRequest { Account = account, Updates = [new() { Container = "mmm_Device", Envelopes = [removal] }] }, await Administrator(holder));
    }

    // Draft §9.1.1: a posted message is signed by the sender's key (here the administrator's, a key of its Mesh profile).
    [When(@"(\w+) posts (a message|an unsigned message|a message signed by another key) to (\S+) over DARE")]
    public async Task WhenPosting(string holder, string kind, AccountAddress recipient)
    {
        var contact = new RequestContact { Subject = $"from {holder}" };
        var message = kind switch
        {
            "an unsigned message" => SignedObjects.Plain(contact, Layout),
            "a message signed by another key" => SignedObjects.Sign(contact, actors.Account("mallory").MeshOnline, Layout),
            _ => SignedObjects.Sign(contact, actors.Account(holder).MeshOnline, Layout),
        };
        await Send(new PostRequest { Accounts = [recipient], Message = [message] }, await Administrator(holder));
    }

    [When(@"(\w+) posts a message carrying (.+) to (\S+) over DARE")]
    public async Task WhenPostingWithFlawedSignature(string holder, string flaw, AccountAddress recipient)
    {
        var message = SignedObjects.Sign(new RequestContact { Subject = $"from {holder}" }, actors.Account(holder).MeshOnline, Layout);
        var flawed = SignatureFlaws.Apply(message, flaw, actors.Account("mallory").MeshOnline);
        await Send(new PostRequest { Accounts = [recipient], Message = [flawed] }, await Administrator(holder));
    }

    [When(@"(\w+) deletes the account (\S+) over DARE")]
    public async Task WhenDeleting(string holder, AccountAddress account) => await Send(new DeleteRequest { Account = account }, await Administrator(holder));

    [When(@"the device ""(.*)"" deletes the account (\S+) over DARE")]
    public async Task WhenTheDeviceDeletes(string device, AccountAddress account) =>
        await Send(new DeleteRequest { Account = account, DeviceProfile = actors.Device(device).EnvelopedProfileDevice(Layout) }, await Device(device));

    [Then("the answer is signed by the host key advertised in Hello")]
    public async Task ThenSigned()
    {
        var answer = Answer();
        var hostKey = await target.AdvertisedHostKeyAsync();
        var check = EnvelopeReader.VerifySignatures(answer, ProfileKeys.Resolver([hostKey]));
        That(check.IsValid, "Answers are signed by the host key advertised in Hello (docs/encapsulation.md)", $"a signature by {hostKey.UDF}", check.Reason, "H05");
    }

    [Then("the answer is encrypted")]
    public void ThenEncrypted() =>
        That(Answer().Header.EncryptionAlgorithm is not null,
            "Over plain HTTP the answer payload is encrypted to the requester (draft §4.3)", "an encrypted envelope", WireText(transactions.LastResult));

    /// <summary>The last answer as a DARE envelope, or a failure saying it is none.</summary>
    DareEnvelope Answer()
    {
        try { return DareEnvelope.Decode(transactions.LastResult.Exchange.ResponseBody); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new Scenarios.ConformanceFailure("Answers are DARE envelopes (docs/encapsulation.md)", "a DARE envelope", e.Message, "H05");
        }
    }

    [Then("a ticket was issued")]
    public void ThenATicket() =>
        That(lastVia?.Encapsulation?.Ticket is not null, "A profile-authenticated answer carries a ticket (docs/encapsulation.md)", "a ticket in the answer's header", WireText(transactions.LastResult));

    [Then(@"the request went with (a signature|a ticket MAC|null authentication)")]
    public void ThenTheForm(string form)
    {
        var signatures = DareEnvelope.Decode(transactions.LastResult.Exchange.RequestBody).Trailer?.Signatures;
        var actual = signatures is null or { Count: 0 } ? "null authentication" : signatures[0].Algorithm == DareAlgorithms.TicketMac ? "a ticket MAC" : "a signature";
        Equal(form, actual, "The request carries the authentication the client chose");
    }
}
