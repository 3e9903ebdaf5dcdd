using System.Security.Cryptography;
using Mesh.Client;
using Mesh.Client.Accounts;
using Mesh.Hosting;
using Mesh.Service.Encapsulation;
using Mesh.Service.Storage;
using Mesh.Wire.Crypto;
using Mesh.Wire.Dare;
using Mesh.Wire.Json;
using Mesh.Wire.Messages;
using Mesh.Wire.Model;
using Mesh.Wire.Objects;

namespace Mesh.Service.Tests;

/// <summary>The findings of issue 12 under DARE encapsulation, each reproduced: no decryption oracle, tickets only where they may
/// authenticate, the signature's alg checked, malformed keys refused without a 500.</summary>
public sealed class DareSecurityTests : IAsyncLifetime
{
    const string Alice = "alice@example.com";
    MeshHost host = null!;
    readonly MeshAccountKeys alice = MeshAccountKeys.FromSeed("alice");

    public async Task InitializeAsync() => host = await MeshHost.StartInProcessAsync(
        new MeshService(new ServiceOptions { DareEncapsulation = true, Random = new SeededRandomSource("dare-security") }, new MemoryStore()));

    public async Task DisposeAsync() => await host.DisposeAsync();

    string Snapshot() => host.Service.Context.Store.Fingerprint();

    async Task<MeshClient> Administrator()
    {
        var client = new MeshClient(host.CreateHandler(), host.ServiceUri ?? new Uri("http://localhost/.well-known/mmm/"))
        {
            Encapsulation = new DareSession(new SeededRandomSource("admin")) { Signer = alice.MeshOnline, Decryption = alice.MeshEncryption },
        };
        (await client.HelloAsync()).Expect();
        (await client.CreateAccountAsync(alice.CreateRequest(Alice, BinaryLayout.Unwrapped))).Expect();
        return client;
    }

    static DareEnvelope Reencode(DareEnvelope envelope, byte[] payload) => new()
    {
        Header = envelope.Header,
        Payload = payload,
        Trailer = new DareTrailer { Signatures = envelope.Trailer!.Signatures, PayloadDigest = SHA512.HashData(payload) },
    };

    [Fact]
    public async Task Every_tampered_ciphertext_gets_one_and_the_same_refusal()
    {
        using var admin = await Administrator();
        admin.Encapsulation!.UseTickets = false;
        var captured = DareEnvelope.Decode(admin.Encapsulation.Wrap(new StatusRequest { Account = Alice }, BinaryLayout.Unwrapped));
        var before = Snapshot();
        var answers = new HashSet<string>();
        // CBC padding oracle: flip the last byte of the next-to-last block through every value, the digest recomputed.
        var at = captured.Payload.Length - 17;
        for (var value = 0; value < 256; value++)
        {
            if (value == captured.Payload[at]) continue;
            var payload = captured.Payload.ToArray();
            payload[at] = (byte)value;
            var result = await admin.SendBytesAsync<Response>(Reencode(captured, payload).EncodeArray(), "application/json");
            answers.Add($"{result.HttpStatus} {result.Response?.Status} {result.Response?.StatusDescription}");
        }
        Assert.Equal([$"401 401 {DareGate.Unopenable}"], answers);
        Assert.Equal(before, Snapshot());
    }

    static byte[] UnderTicket(Request request, ClientTicket ticket, PublicKey serviceKey)
    {
        request.ID ??= RandomNumberGenerator.GetBytes(16);
        var raw = ((PublicKeyECDH)serviceKey.PublicParameters!).Public!;
        var envelope = new EnvelopeWriter(new SeededRandomSource("ticket")).Encrypted(WireSerializer.Encode(request, WireEncoding.Json, BinaryLayout.Unwrapped), [new EnvelopeRecipient(Curve.X448, raw)]);
        var digest = SHA512.HashData(envelope.Payload);
        envelope.Header.DigestAlgorithm = DareAlgorithms.Sha2;
        var mac = new DareSignature { Algorithm = DareAlgorithms.TicketMac, KeyIdentifier = ticket.Id, SignatureValue = HMACSHA512.HashData(ticket.Key, digest) };
        return new DareEnvelope { Header = envelope.Header, Payload = envelope.Payload, Trailer = new DareTrailer { Signatures = [mac], PayloadDigest = digest } }.EncodeArray();
    }

    [Fact]
    public async Task A_ticket_authenticates_neither_CreateAccount_nor_Connect()
    {
        using var admin = await Administrator();
        (await admin.StatusAsync(new StatusRequest { Account = Alice })).Expect();
        var ticket = admin.Encapsulation!.Ticket!;
        var serviceKey = admin.Encapsulation.Service!.KeyEncryption!;
        var before = Snapshot();

        var bob = MeshAccountKeys.FromSeed("bob").CreateRequest("bob@example.com", BinaryLayout.Unwrapped);
        var create = await admin.SendBytesAsync<Response>(UnderTicket(bob, ticket, serviceKey), "application/json");
        Assert.Equal(401, create.Status);
        Assert.Contains("never a ticket", create.Response!.StatusDescription);

        var connect = MeshDeviceKeys.FromSeed("phone").ConnectRequest(Alice, new byte[16], BinaryLayout.Unwrapped);
        var connected = await admin.SendBytesAsync<Response>(UnderTicket(connect, ticket, serviceKey), "application/json");
        Assert.Equal(401, connected.Status);
        Assert.Equal(before, Snapshot());
        Assert.Null(host.Service.Context.Store.FindAccount("bob@example.com"));
    }

    [Theory]
    [InlineData("RS256")]
    [InlineData("HS256")]
    [InlineData("none")]
    [InlineData(null)]
    public async Task A_valid_Ed448_signature_under_another_alg_is_refused(string? alg)
    {
        using var admin = await Administrator();
        admin.Encapsulation!.UseTickets = false;
        var envelope = DareEnvelope.Decode(admin.Encapsulation.Wrap(new StatusRequest { Account = Alice }, BinaryLayout.Unwrapped));
        envelope.Trailer!.Signatures![0].Algorithm = alg;
        var result = await admin.SendBytesAsync<Response>(envelope.EncodeArray(), "application/json");
        Assert.Equal(401, result.Status);
        Assert.Contains("is not accepted", result.Response!.StatusDescription);
    }

    [Fact]
    public async Task The_authors_SHA2_label_and_the_drafts_ED448_are_accepted()
    {
        using var admin = await Administrator();
        admin.Encapsulation!.UseTickets = false;
        foreach (var alg in new[] { "SHA2", "ED448" })
        {
            var envelope = DareEnvelope.Decode(admin.Encapsulation.Wrap(new StatusRequest { Account = Alice }, BinaryLayout.Unwrapped));
            envelope.Trailer!.Signatures![0].Algorithm = alg;
            Assert.Equal(201, (await admin.SendBytesAsync<Response>(envelope.EncodeArray(), "application/json")).Status);
        }
    }

    public static TheoryData<string, string> BadKeys => new()
    {
        { "unknown curve", "P-999" },
        { "Ed448 is no agreement curve for X448", "Ed448" },
        { "short key", "X448:short" },
        { "empty key", "X448:empty" },
    };

    [Theory]
    [MemberData(nameof(BadKeys))]
    public async Task A_malformed_ephemeral_key_is_a_refusal_not_a_500(string what, string curve)
    {
        using var admin = await Administrator();
        admin.Encapsulation!.UseTickets = false;
        var envelope = DareEnvelope.Decode(admin.Encapsulation.Wrap(new StatusRequest { Account = Alice }, BinaryLayout.Unwrapped));
        var epk = (PublicKeyECDH)envelope.Header.Recipients![0].EphemeralKey!;
        epk.Curve = curve.Split(':')[0];
        if (curve.EndsWith(":short", StringComparison.Ordinal)) epk.Public = epk.Public![..10];
        if (curve.EndsWith(":empty", StringComparison.Ordinal)) epk.Public = [];
        var result = await admin.SendBytesAsync<Response>(envelope.EncodeArray(), "application/json");
        Assert.True(result.HttpStatus is 400 or 401, $"{what}: HTTP {result.HttpStatus}");
        Assert.NotNull(result.Response);
    }

    [Fact]
    public async Task An_encrypted_request_without_authentication_is_refused_before_it_is_decrypted()
    {
        using var admin = await Administrator();
        var serviceKey = EnvelopeRecipient.Of(host.Service.Identity.ServiceEncryption);
        var garbage = new EnvelopeWriter(new SeededRandomSource("garbage")).Encrypted("not a request"u8.ToArray(), [serviceKey]);
        var result = await admin.SendBytesAsync<Response>(garbage.EncodeArray(), "application/json");
        Assert.Equal(401, result.Status);
        Assert.Contains("needs authentication", result.Response!.StatusDescription);
    }
}
