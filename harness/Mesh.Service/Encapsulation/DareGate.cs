using System.Security.Cryptography;
using Mesh.Wire.Crypto;
using Mesh.Wire.Dare;
using Mesh.Wire.Json;
using Mesh.Wire.Messages;
using Mesh.Wire.Model;
using Mesh.Wire.Objects;

namespace Mesh.Service.Encapsulation;

/// <summary>
/// DARE message encapsulation on the service side (draft §4.3, docs/encapsulation.md; wire form in docs/encapsulation.md).
/// A request envelope is decrypted with the service key, its tagged request read, and its authentication
/// checked for the transaction: null (Hello only), device (CreateAccount, Connect: a key of the profile the
/// request carries), profile (User transactions: a connected device, or the account's Mesh profile), or a
/// ticket (HMAC-SHA-512 over the PayloadDigest). Over plain HTTP the payload must be encrypted. A digest seen
/// before is a replay. Every answer is an envelope signed by the host key; encrypted to the requester when the
/// request was; after a signature-authenticated User request it carries a new ticket. Refusals change nothing.
/// </summary>
public sealed class DareGate
{
    readonly MeshService service;
    readonly TicketBook tickets;
    readonly ConnectedDevices devices;

    /// <summary>The tickets the gate holds (state checks: a refusal issues none).</summary>
    public int TicketsHeld => tickets.Held;

    public DareGate(MeshService service)
    {
        this.service = service;
        var options = service.Options;
        devices = new ConnectedDevices(service.Context.Store, service.Context.Names.Device,
            honourRemoval: options.Fault != Faults.ServiceFaults.DareRemovedDeviceAccepted,
            checkAssertion: options.Fault != Faults.ServiceFaults.DareConnectionAssertionUnchecked);
        tickets = new TicketBook(options.Random, options.Clock, options.TicketLifetime,
            options.Fault == Faults.ServiceFaults.DareReplayWindowShort ? TimeSpan.FromMinutes(1) : null,
            forgetExpired: options.Fault != Faults.ServiceFaults.DareTicketNeverExpires);
    }

    ServiceContext Context => service.Context;

    /// <summary>What authentication established: the account and device acting, the key to encrypt the answer to.</summary>
    sealed record Authenticated(string? Account, string? DeviceUdf, PublicKey? ReplyKey, bool EarnsTicket);

    /// <summary>
    /// The one answer to every request whose encrypted payload cannot be decrypted, or decrypts to something that is
    /// not a request: the same status and text whatever went wrong, quoting nothing, so that the answer tells an
    /// attacker nothing about the plaintext (no padding or parse oracle).
    /// </summary>
    public const string Unopenable = "The request cannot be decrypted with the service key, or its payload is not a request";

    public ServiceReply Handle(byte[] body, bool secureTransport)
    {
        DareEnvelope envelope;
        try { envelope = DareEnvelope.Decode(body); }
        catch (WireFormatException e) { return Refuse(FailureKind.BadRequest, $"Malformed request envelope: {e.Message}"); }
        catch (Exception e) when (e is ArgumentException or OverflowException or InvalidOperationException or FormatException)
        {
            return Refuse(FailureKind.BadRequest, "Malformed request envelope");
        }

        var encrypted = envelope.Header.EncryptionAlgorithm is not null;
        Ticket? ticket;
        try { ticket = Preauthenticate(envelope, encrypted); }
        catch (MeshFailure failure) { return Refuse(failure.Kind, failure.Message); }

        byte[] payload;
        try { payload = encrypted ? EnvelopeReader.Decrypt(envelope, Context.Identity.ServiceEncryption) : envelope.Payload; }
        catch (Exception e) when (e is not OutOfMemoryException) { return Refuse(FailureKind.Unauthorized, Unopenable); }

        var decoded = service.Decode(payload, WireEncoding.Json);
        if (decoded.Refusal is not null) return encrypted ? Refuse(FailureKind.Unauthorized, Unopenable) : Answer(decoded.Refusal, null);
        var (transaction, request) = (decoded.Transaction!, decoded.Request!);
        Authenticated who;
        try
        {
            if (!secureTransport && !encrypted && request is not HelloRequest && !Context.Commits(Faults.ServiceFaults.DarePlaintextAccepted))
                throw MeshFailure.Unauthorized("Over plain HTTP the request payload must be encrypted to the service's key (draft §4.3)");
            who = Authenticate(transaction, request, envelope, ticket);
        }
        catch (MeshFailure failure)
        {
            return Answer(service.Failure(MeshService.NewResponse(transaction), failure.Kind, failure.Message), null);
        }
        var response = service.Dispatch(transaction, request);
        var issued = who.EarnsTicket && response.Status is >= 200 and < 300 && who.ReplyKey is not null ? tickets.Issue(who.Account!, who.DeviceUdf, who.ReplyKey) : null;
        return Answer(response, encrypted ? who.ReplyKey : null, issued);
    }

    ServiceReply Refuse(FailureKind kind, string description) => Answer(service.Failure(new MeshResponse(), kind, description), null);

    /// <summary>
    /// What can be checked before anything is decrypted or parsed: the labels of the signatures, the PayloadDigest over
    /// the payload as carried (the ciphertext), and a ticket's MAC (its expiry waits for the open payload: the MAC has
    /// authenticated the ciphertext). An encrypted request must be authenticated: only Hello may use null
    /// authentication, and it goes unencrypted. Returns the ticket the request is MACed under.
    /// </summary>
    Ticket? Preauthenticate(DareEnvelope envelope, bool encrypted)
    {
        var signatures = envelope.Trailer?.Signatures ?? [];
        if (signatures.Count == 0)
        {
            if (encrypted && !Context.Commits(Faults.ServiceFaults.DareUnauthenticatedAccepted))
                throw MeshFailure.Unauthorized("An encrypted request needs authentication: only Hello may use null authentication, and it is sent unencrypted (draft §4.3.1)");
            return null;
        }
        if (!SignatureAlgorithms.AllAllowed(signatures, Context.Reference, out var refused))
            throw MeshFailure.Unauthorized($"Signature algorithm '{refused}' is not accepted: an Ed448 signature says SHA2 or ED448, a ticket MAC HS512 (docs/encapsulation.md)");
        if (signatures.Any(s => s.KeyIdentifier is null || s.SignatureValue is null))
            throw MeshFailure.Unauthorized("Every request signature needs a kid and a signature value");
        var digest = EnvelopeReader.VerifyDigest(envelope);
        if (!digest.IsValid) throw MeshFailure.Unauthorized($"Request envelope: {digest.Reason}");
        if (encrypted && envelope.Header.Recipients?.Any(r => r.KeyIdentifier is { } kid && Wire.Fingerprints.Udf.Matches(kid, Context.Identity.ServiceEncryption.Udf)) != true)
            throw MeshFailure.Unauthorized("The request cannot be decrypted with the service key: no recipient entry names it");
        return SignatureAlgorithms.IsTicket(signatures[0]) ? CheckMac(envelope, signatures[0]) : null;
    }

    Ticket CheckMac(DareEnvelope envelope, DareSignature mac)
    {
        var ticket = tickets.Find(mac.KeyIdentifier!) ?? throw MeshFailure.Unauthorized($"Unknown ticket '{mac.KeyIdentifier}'");
        var expected = HMACSHA512.HashData(ticket.Key, envelope.Trailer!.PayloadDigest!);
        if (!CryptographicOperations.FixedTimeEquals(expected, mac.SignatureValue))
            throw MeshFailure.Unauthorized($"The MAC under ticket '{ticket.Id}' does not verify");
        return ticket;
    }

    Authenticated Authenticate(Transaction transaction, Request request, DareEnvelope envelope, Ticket? ticket)
    {
        if ((envelope.Trailer?.Signatures ?? []).Count == 0)
        {
            if (request is HelloRequest || Context.Commits(Faults.ServiceFaults.DareUnauthenticatedAccepted)) return new(null, null, null, false);
            throw MeshFailure.Unauthorized($"{transaction.Name} needs authentication: only Hello may use null authentication (draft §4.3.1)");
        }
        var who = ticket is not null ? ByTicket(transaction, request, ticket) : BySignature(transaction, request, envelope);
        if (request is DeleteRequest && who.DeviceUdf is not null && !Context.Commits(Faults.ServiceFaults.DareDeviceDeletesAccount))
            throw MeshFailure.Unauthorized("DeleteAccount is an Admin transaction: it is signed by the account's Mesh profile, not by a connected device (A8)");
        if (request is PostRequest post && !Context.Commits(Faults.ServiceFaults.DareUnsignedMessageAccepted)) RequireSignedMessages(post, who);
        if (!tickets.FirstSight(envelope.Trailer!.PayloadDigest!) && !Context.Commits(Faults.ServiceFaults.DareReplayAccepted))
            throw MeshFailure.Unauthorized("Replayed request: this PayloadDigest was already seen (docs/encapsulation.md)");
        return who;
    }

    // A ticket speaks for an account and device already known: never for creating an account or connecting a device.
    Authenticated ByTicket(Transaction transaction, Request request, Ticket ticket)
    {
        if (request is CreateRequest or ConnectRequest)
            throw MeshFailure.Unauthorized($"{transaction.Name} needs device authentication: a signature by a key of the profile it carries, never a ticket");
        // Checked once the payload is open, so that the refusal has the transaction's type: the MAC has already
        // authenticated the ciphertext (only the ticket's holder knows its key), so decrypting it gave nothing away.
        if (ticket.Expires <= tickets.Now && !Context.Commits(Faults.ServiceFaults.DareTicketNeverExpires)) throw MeshFailure.Unauthorized($"Ticket '{ticket.Id}' expired at {ticket.Expires:u}");
        if (request is MeshRequestUser user && !string.Equals(AccountNames.Canonical(user.Account), AccountNames.Canonical(ticket.Account), StringComparison.Ordinal)
            && !Context.Commits(Faults.ServiceFaults.DareTicketAnyAccount))
            throw MeshFailure.Unauthorized($"Ticket '{ticket.Id}' was issued for {ticket.Account}, not {user.Account}");
        var account = Context.Store.FindAccount(ticket.Account) ?? throw MeshFailure.NotFound($"Account '{ticket.Account}' is not known to this service");
        var mesh = ServiceContext.MeshProfile(account);
        if (ticket.DeviceUdf is { } device && !devices.IsConnected(account.ServiceID, device, mesh, out var reason))
            throw MeshFailure.Unauthorized(reason);
        return new(ticket.Account, ticket.DeviceUdf, ticket.ReplyKey, false);
    }

    Authenticated BySignature(Transaction transaction, Request request, DareEnvelope envelope)
    {
        switch (request)
        {
            case CreateRequest create:
                var (mesh, meshCheck) = create.SignedProfileMesh is { } profile ? SignedObjects.OpenProfile<ProfileMesh>(profile) : (null, Verification.Invalid("no SignedProfileMesh"));
                if (mesh is null) throw MeshFailure.BadRequest($"SignedProfileMesh: {meshCheck.Reason}");
                Verify(envelope, ProfileKeys.SignatureKeys(mesh), "a key of the Mesh profile the request carries");
                return new(create.ServiceID, null, mesh.KeyEncryption, false);
            case ConnectRequest connect:
                var device = ConnectingDevice(connect);
                Verify(envelope, ProfileKeys.SignatureKeys(device).Append(device.KeyAuthentication).OfType<PublicKey>(), "a key of the device profile the request carries");
                return new(null, ProfileKeys.Udf(device), device.KeyEncryption, false);
            case MeshRequestUser user:
                return ByProfile(user, envelope);
            default:
                throw MeshFailure.Unauthorized($"{transaction.Name} needs ticket authentication: a connected device of the sending account");
        }
    }

    // Profile authentication: a device connected to the account (its profile carried in DeviceProfile), or the account's Mesh profile itself.
    Authenticated ByProfile(MeshRequestUser request, DareEnvelope envelope)
    {
        var account = Context.RequireAccount(request);
        var mesh = ServiceContext.MeshProfile(account);
        if (request.DeviceProfile is null)
        {
            Verify(envelope, ProfileKeys.SignatureKeys(mesh), "a key of the account's Mesh profile (no DeviceProfile is carried)");
            return new(account.ServiceID, null, mesh.KeyEncryption, true);
        }
        var (device, check) = devices.OpenProfile(request.DeviceProfile);
        if (device is null || !check.IsValid) throw MeshFailure.Unauthorized($"DeviceProfile: {check.Reason}");
        Verify(envelope, ProfileKeys.SignatureKeys(device).Append(device.KeyAuthentication).OfType<PublicKey>(), "a key of the device profile the request carries");
        var deviceUdf = ProfileKeys.Udf(device)!;
        if (!devices.IsConnected(account.ServiceID, deviceUdf, mesh, out var reason))
            throw MeshFailure.Unauthorized($"Device not connected to {account.ServiceID}: {reason}");
        return new(account.ServiceID, deviceUdf, device.KeyEncryption, true);
    }

    /// <summary>
    /// Draft §9.1.1: "The DARE Message MUST be signed under a device signature key accredited by a Device Connection
    /// Assertion": each posted message verifies under the sending device's accredited keys (its connection assertion),
    /// or, sent by the account's administrator, under a key of the Mesh profile.
    /// </summary>
    void RequireSignedMessages(PostRequest post, Authenticated sender)
    {
        var account = Context.Store.FindAccount(sender.Account!) ?? throw MeshFailure.NotFound($"Account '{sender.Account}' is not known to this service");
        var mesh = ServiceContext.MeshProfile(account);
        IEnumerable<PublicKey> keys = ProfileKeys.SignatureKeys(mesh);
        if (sender.DeviceUdf is { } device)
        {
            var connection = devices.Connection(account.ServiceID, device, mesh, out var reason)
                ?? throw MeshFailure.Unauthorized(reason);
            keys = new[] { connection.KeySignature, connection.KeyAuthentication }.OfType<PublicKey>().ToList();
        }
        foreach (var (message, i) in (post.Message ?? []).Concat(post.Self ?? []).Select((m, i) => (m, i)))
        {
            if ((message.Trailer?.Signatures ?? []).Count == 0)
                throw MeshFailure.Unauthorized($"Posted message {i} is not signed: a message is signed by the sender's accredited device key (draft §9.1.1)");
            var result = EnvelopeReader.VerifySignatures(message, ProfileKeys.Resolver(keys));
            if (!result.IsValid) throw MeshFailure.Unauthorized($"Posted message {i} is not signed by the sender's accredited key: {result.Reason}");
        }
    }

    static ProfileDevice ConnectingDevice(ConnectRequest connect)
    {
        try
        {
            var request = EnvelopeReader.Payload<RequestConnection>(connect.MessageConnectionRequestClient ?? throw MeshFailure.BadRequest("MessageConnectionRequestClient is required"));
            var (device, check) = request.EnvelopedProfileDevice is { } profile ? SignedObjects.OpenProfile<ProfileDevice>(profile) : (null, Verification.Invalid("no EnvelopedProfileDevice"));
            return device ?? throw MeshFailure.BadRequest($"EnvelopedProfileDevice: {check.Reason}");
        }
        catch (WireFormatException e) { throw MeshFailure.BadRequest($"MessageConnectionRequestClient: {e.Reason}"); }
    }

    void Verify(DareEnvelope envelope, IEnumerable<PublicKey> keys, string signer)
    {
        var resolver = ProfileKeys.Resolver(keys);
        if (Context.Commits(Faults.ServiceFaults.DareRequestSignatureUnchecked) && envelope.Trailer?.Signatures?.FirstOrDefault()?.KeyIdentifier is { } kid && resolver(kid) is not null)
            return;
        var result = EnvelopeReader.VerifySignatures(envelope, resolver);
        if (!result.IsValid) throw MeshFailure.Unauthorized($"The request is not signed by {signer}: {result.Reason}");
    }

    /// <summary>
    /// The answer: an envelope signed by the host key, encrypted to <paramref name="encryptTo"/> when given; a new
    /// ticket goes in the header: its id and expiry in ContentMetaData, its key encrypted to the device in <c>cloaked</c>.
    /// </summary>
    ServiceReply Answer(Response response, PublicKey? encryptTo, Ticket? ticket = null)
    {
        var body = service.Encode(response);
        KeyPair? host = Context.Commits(Faults.ServiceFaults.DareAnswerUnsigned) ? null : Context.Identity.HostSignature;
        var writer = new EnvelopeWriter(Context.Options.Random);
        var envelope = Recipient(encryptTo) is { } recipient ? writer.Encrypted(body, [recipient], host)
            : host is null ? EnvelopeWriter.Plain(body) : EnvelopeWriter.Signed(body, host);
        if (ticket is not null && Recipient(ticket.ReplyKey) is { } ticketRecipient)
        {
            envelope.Header.ContentMetaData = WireSerializer.EncodeUntagged(new ContentMeta
            {
                MessageType = DareAlgorithms.TicketMessageType,
                UniqueID = ticket.Id,
                KeyValues = [new KeyValue { Key = DareAlgorithms.TicketExpires, Value = ticket.Expires.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) }],
            }, WireEncoding.Json, Context.Options.Layout);
            envelope.Header.Cloaked = writer.Encrypted(ticket.Key, [ticketRecipient]).EncodeArray(WireEncoding.Json, Context.Options.Layout);
        }
        return new ServiceReply(service.HttpStatusOf(response), envelope.EncodeArray(WireEncoding.Json, Context.Options.Layout), response);
    }

    static EnvelopeRecipient? Recipient(PublicKey? key) =>
        key?.PublicParameters is PublicKeyECDH { Public: { } raw } parameters && Curves.TryParse(parameters.Curve, out var curve)
            ? new EnvelopeRecipient(curve, raw) : null;
}
