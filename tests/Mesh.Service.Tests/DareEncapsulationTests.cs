using System.Text;
using Mesh.Client;
using Mesh.Client.Accounts;
using Mesh.Hosting;
using Mesh.Service.Storage;
using Mesh.Wire.Crypto;
using Mesh.Wire.Dare;
using Mesh.Wire.Json;
using Mesh.Wire.Messages;
using Mesh.Wire.Objects;

namespace Mesh.Service.Tests;

/// <summary>DARE message encapsulation over plain HTTP (draft §4.3, docs/encapsulation.md): every form and every refusal.</summary>
public sealed class DareEncapsulationTests : IAsyncLifetime
{
    const string Alice = "alice@example.com";
    readonly ManualClock clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    MeshHost host = null!;
    readonly MeshAccountKeys alice = MeshAccountKeys.FromSeed("alice");
    readonly MeshDeviceKeys phone = MeshDeviceKeys.FromSeed("alice's phone");

    public async Task InitializeAsync()
    {
        var service = new MeshService(new ServiceOptions { DareEncapsulation = true, Clock = clock, Random = new SeededRandomSource("dare-service") }, new MemoryStore());
        host = await MeshHost.StartAsync(service, new MeshHostOptions());
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    /// <summary>A client in DARE mode that has said Hello: it knows the service's keys.</summary>
    async Task<MeshClient> Client(string seed, KeyPair? signer, KeyPair? decryption, DareEnvelope? deviceProfile = null)
    {
        var client = new MeshClient(host.CreateHandler(), host.ServiceUri!)
        {
            Encapsulation = new DareSession(new SeededRandomSource(seed)) { Signer = signer, Decryption = decryption, DeviceProfile = deviceProfile },
        };
        var hello = await client.HelloAsync();
        Assert.Equal(201, hello.Status);
        Assert.Empty(hello.Problems);
        return client;
    }

    Task<MeshClient> Administrator() => Client("admin", alice.MeshOnline, alice.MeshEncryption);

    async Task<MeshClient> WithAccount()
    {
        var admin = await Administrator();
        (await admin.CreateAccountAsync(alice.CreateRequest(Alice, BinaryLayout.Unwrapped))).Expect();
        return admin;
    }

    [Fact]
    public async Task Hello_goes_with_null_authentication_and_the_answer_is_signed_by_the_host()
    {
        using var client = await Client("hello", null, null);
        var hello = await client.HelloAsync();
        Assert.StartsWith("[", Encoding.UTF8.GetString(hello.Exchange.RequestBody));
        Assert.Empty(hello.Problems);
        Assert.Equal(host.Service.Identity.HostSignature.Udf, client.Encapsulation!.Host!.KeyOfflineSignature!.UDF);
    }

    [Fact]
    public async Task Other_transactions_are_refused_without_authentication()
    {
        using var bare = new MeshClient(host.CreateHandler(), host.ServiceUri!);
        var result = await bare.StatusAsync(new StatusRequest { Account = Alice });
        Assert.Equal(401, result.Status);
        Assert.Contains("only Hello may be sent bare", result.Response!.StatusDescription);
    }

    [Fact]
    public async Task An_encrypted_envelope_without_a_signature_is_refused_for_a_user_transaction()
    {
        using var admin = await WithAccount();
        var serviceKey = EnvelopeRecipient.Of(host.Service.Identity.ServiceEncryption);
        var unsigned = new EnvelopeWriter(new SeededRandomSource("unsigned"))
            .Encrypted(Mesh.Wire.Model.WireSerializer.Encode(new StatusRequest { Account = Alice }), [serviceKey]);
        var result = await admin.SendBytesAsync<Response>(unsigned.EncodeArray(), "application/json");
        Assert.Equal(401, result.Status);
        Assert.Contains("needs authentication", result.Response!.StatusDescription);
    }

    [Fact]
    public async Task The_administrator_creates_the_account_and_is_then_served_by_ticket()
    {
        using var admin = await WithAccount();
        var first = await admin.StatusAsync(new StatusRequest { Account = Alice });
        Assert.Equal(201, first.Status);
        Assert.Empty(first.Problems);
        Assert.Contains("\"enc\"", Encoding.UTF8.GetString(first.Exchange.ResponseBody)); // the answer is encrypted
        var ticket = admin.Encapsulation!.Ticket;
        Assert.NotNull(ticket);
        var second = await admin.StatusAsync(new StatusRequest { Account = Alice });
        Assert.Equal(201, second.Status);
        Assert.Contains(DareAlgorithms.TicketMac, Encoding.UTF8.GetString(second.Exchange.RequestBody));
    }

    [Fact]
    public async Task A_replayed_envelope_is_refused()
    {
        using var admin = await WithAccount();
        var first = await admin.StatusAsync(new StatusRequest { Account = Alice });
        var replay = await admin.SendBytesAsync<Response>(first.Exchange.RequestBody, "application/json");
        Assert.Equal(401, replay.Status);
        Assert.Contains("Replayed request", replay.Response!.StatusDescription);
    }

    [Fact]
    public async Task Over_plain_http_an_unencrypted_request_is_refused()
    {
        using var admin = await WithAccount();
        admin.Encapsulation!.Encrypt = false;
        var result = await admin.StatusAsync(new StatusRequest { Account = Alice });
        Assert.Equal(401, result.Status);
        Assert.Contains("must be encrypted", result.Response!.StatusDescription);
    }

    [Fact]
    public async Task A_signature_by_a_key_outside_the_carried_profile_is_refused()
    {
        using var mallory = await Client("mallory", MeshAccountKeys.FromSeed("mallory").MeshOnline, alice.MeshEncryption);
        var result = await mallory.CreateAccountAsync(alice.CreateRequest(Alice, BinaryLayout.Unwrapped));
        Assert.Equal(401, result.Status);
        Assert.Contains("not signed by a key of the Mesh profile the request carries", result.Response!.StatusDescription);
        using var admin = await WithAccount();
        using var stranger = await Client("stranger", MeshAccountKeys.FromSeed("mallory").MeshOnline, null);
        stranger.Encapsulation!.UseTickets = false;
        Assert.Equal(401, (await stranger.StatusAsync(new StatusRequest { Account = Alice })).Status);
    }

    [Fact]
    public async Task A_request_encrypted_to_another_key_is_refused()
    {
        using var admin = await WithAccount();
        var other = KeyPair.Generate(Curve.X448, new SeededRandomSource("not the service"));
        typeof(DareSession).GetProperty(nameof(DareSession.Service))!.SetValue(admin.Encapsulation,
            new ProfileService { KeyEncryption = other.ToPublicKey() });
        var result = await admin.StatusAsync(new StatusRequest { Account = Alice });
        Assert.Equal(401, result.Status);
        Assert.Contains("cannot be decrypted with the service key", result.Response!.StatusDescription);
    }

    [Fact]
    public async Task A_device_connects_completes_and_then_authenticates_with_its_profile_until_it_is_removed()
    {
        using var admin = await WithAccount();
        using var device = await Client("device", phone.Authentication, phone.Encryption, phone.EnvelopedProfileDevice(BinaryLayout.Unwrapped));

        Assert.Equal(401, (await device.StatusAsync(new StatusRequest { Account = Alice })).Status); // not connected yet

        var connect = (await device.ConnectAsync(phone.ConnectRequest(Alice, new byte[16], BinaryLayout.Unwrapped))).Expect();
        var acknowledgement = EnvelopeReader.Payload<AcknowledgeConnection>(connect.EnvelopedConnectionResponse!);
        Assert.Equal(Handlers.Witness.Compute(Handlers.Witness.Fingerprint(alice.ProfileMesh)!, acknowledgement.ServerNonce!, Handlers.Witness.Fingerprint(phone.ProfileDevice)!, new byte[16]), acknowledgement.Witness);

        var acceptance = alice.AcceptDevice(Alice, phone.EnvelopedProfileDevice(BinaryLayout.Unwrapped), acknowledgement.MessageID!, ("mmm_Device", 0), ("mmm_Local", 1), BinaryLayout.Unwrapped);
        (await admin.UploadAsync(acceptance.Upload)).Expect();

        var complete = (await device.CompleteAsync(new CompleteRequest { Account = Alice, ResponseID = acceptance.ResponseId })).Expect();
        Assert.Equal(acceptance.Answer.Payload, Assert.IsType<CompleteResponse>(complete).SignedResponse!.Payload);
        Assert.NotNull(device.Encapsulation!.Ticket);
        Assert.Equal(201, (await device.StatusAsync(new StatusRequest { Account = Alice })).Status);

        var removal = ContainerEntries.Entry([], phone.DeviceUdf, 1, "Delete");
        (await admin.UploadAsync(new UploadRequest { Account = Alice, Updates = [new() { Container = "mmm_Device", Envelopes = [removal] }] })).Expect();
        var removed = await device.StatusAsync(new StatusRequest { Account = Alice });
        Assert.Equal(401, removed.Status);
        Assert.Contains("was removed from mmm_Device", removed.Response!.StatusDescription);
    }

    [Fact]
    public async Task Tickets_expire_and_bind_to_their_account()
    {
        using var admin = await WithAccount();
        var bob = MeshAccountKeys.FromSeed("bob");
        using var bobAdmin = await Client("bob", bob.MeshOnline, bob.MeshEncryption);
        (await bobAdmin.CreateAccountAsync(bob.CreateRequest("bob@example.com", BinaryLayout.Unwrapped))).Expect();
        (await admin.StatusAsync(new StatusRequest { Account = Alice })).Expect();

        var foreign = await admin.StatusAsync(new StatusRequest { Account = "bob@example.com" });
        Assert.Equal(401, foreign.Status);
        Assert.Contains("was issued for alice@example.com", foreign.Response!.StatusDescription);

        clock.Advance(TimeSpan.FromHours(2));
        var expired = await admin.StatusAsync(new StatusRequest { Account = Alice });
        Assert.Equal(401, expired.Status);
        Assert.Contains("expired", expired.Response!.StatusDescription);
    }

    [Fact]
    public async Task A_bad_mac_and_an_unknown_ticket_are_refused()
    {
        using var admin = await WithAccount();
        (await admin.StatusAsync(new StatusRequest { Account = Alice })).Expect();
        var ticket = admin.Encapsulation!.Ticket!;
        admin.Encapsulation.Ticket = ticket with { Key = new byte[64] };
        Assert.Contains("does not verify", (await admin.StatusAsync(new StatusRequest { Account = Alice })).Response!.StatusDescription);
        admin.Encapsulation.Ticket = ticket with { Id = "NOPE-NOPE" };
        Assert.Contains("Unknown ticket", (await admin.StatusAsync(new StatusRequest { Account = Alice })).Response!.StatusDescription);
    }

    [Fact]
    public async Task The_client_reports_an_answer_not_signed_by_the_host_it_knows()
    {
        using var admin = await WithAccount();
        typeof(DareSession).GetProperty(nameof(DareSession.Host))!.SetValue(admin.Encapsulation,
            new ProfileHost { KeyOfflineSignature = KeyPair.Generate(Curve.Ed448, new SeededRandomSource("impostor")).ToPublicKey() });
        var result = await admin.StatusAsync(new StatusRequest { Account = Alice });
        Assert.Contains(result.Problems, p => p.Contains("not signed by the host key advertised in Hello"));
    }
}
