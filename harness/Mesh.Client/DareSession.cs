using System.Security.Cryptography;
using Mesh.Wire.Crypto;
using Mesh.Wire.Dare;
using Mesh.Wire.Json;
using Mesh.Wire.Messages;
using Mesh.Wire.Model;
using Mesh.Wire.Objects;

namespace Mesh.Client;

/// <summary>A ticket the service issued to this client (docs/encapsulation.md).</summary>
public sealed record ClientTicket(string Id, byte[] Key, DateTimeOffset Expires);

/// <summary>
/// The client side of DARE message encapsulation (draft §4.3, docs/encapsulation.md, docs/encapsulation.md). Requests
/// go out as envelopes: Hello with null authentication; others encrypted to the service's key (learned from
/// Hello) and signed by <see cref="Signer"/>, or MACed under a ticket once the service has issued one.
/// Responses are checked against the host key from Hello, decrypted, and any new ticket is kept.
/// </summary>
public sealed class DareSession(IRandomSource random)
{
    public ProfileService? Service { get; private set; }
    public ProfileHost? Host { get; private set; }
    /// <summary>The key requests are signed with: a device key, or the Mesh profile's key for the administrator.</summary>
    public KeyPair? Signer { get; set; }
    /// <summary>The device profile carried on User requests (MeshRequestUser.DeviceProfile); null for the administrator.</summary>
    public DareEnvelope? DeviceProfile { get; set; }
    /// <summary>The key answers and tickets are encrypted to.</summary>
    public KeyPair? Decryption { get; set; }
    /// <summary>Encrypt request payloads (required over plain HTTP).</summary>
    public bool Encrypt { get; set; } = true;
    /// <summary>Authenticate with the ticket, once there is one, instead of a signature.</summary>
    public bool UseTickets { get; set; } = true;
    public ClientTicket? Ticket { get; set; }

    public byte[] Wrap(Request request, BinaryLayout layout)
    {
        // Every authenticated request differs (docs/encapsulation.md refuses replays): a fresh identifier.
        if (request is not HelloRequest) request.ID ??= random.GetBytes(16);
        if (request is MeshRequestUser user && DeviceProfile is not null && !(UseTickets && Ticket is not null)) user.DeviceProfile ??= DeviceProfile;
        var payload = WireSerializer.Encode(request, WireEncoding.Json, layout);
        if (request is HelloRequest) return EnvelopeWriter.Plain(payload).EncodeArray(WireEncoding.Json, layout);

        var ticket = UseTickets && request is not (CreateRequest or ConnectRequest) ? Ticket : null;
        var serviceKey = Service?.KeyEncryption?.PublicParameters as PublicKeyECDH;
        var recipients = Encrypt && serviceKey is { Public: { } raw } ? new[] { new EnvelopeRecipient(Curves.Parse(serviceKey.Curve), raw) } : null;
        if (Encrypt && recipients is null) throw new MeshClientException("Send Hello first: the service's encryption key comes from its profile");
        var writer = new EnvelopeWriter(random);
        if (ticket is null)
        {
            var signer = Signer ?? throw new MeshClientException($"{WireTypes.TagOf(request.GetType())} needs a signing key or a ticket");
            return (recipients is null ? EnvelopeWriter.Signed(payload, signer) : writer.Encrypted(payload, recipients, signer)).EncodeArray(WireEncoding.Json, layout);
        }
        var envelope = recipients is null ? EnvelopeWriter.Plain(payload) : writer.Encrypted(payload, recipients);
        var digest = SHA512.HashData(envelope.Payload);
        envelope.Header.DigestAlgorithm = DareAlgorithms.Sha2;
        envelope.Header.Signers = [new DareSigner { Algorithm = DareAlgorithms.TicketMac, KeyIdentifier = ticket.Id }];
        var mac = new DareSignature { Algorithm = DareAlgorithms.TicketMac, KeyIdentifier = ticket.Id, SignatureValue = HMACSHA512.HashData(ticket.Key, digest) };
        return new DareEnvelope { Header = envelope.Header, Payload = envelope.Payload, Trailer = new DareTrailer { Signatures = [mac], PayloadDigest = digest } }
            .EncodeArray(WireEncoding.Json, layout);
    }

    /// <summary>Opens an answer envelope; what does not check out goes to <paramref name="problems"/>.</summary>
    public Response? Unwrap(byte[] body, List<string> problems)
    {
        DareEnvelope envelope;
        try { envelope = DareEnvelope.Decode(body); }
        catch (WireFormatException e) { problems.Add($"the answer is not a DARE envelope: {e.Message}"); return null; }
        byte[] payload;
        try { payload = envelope.Header.EncryptionAlgorithm is null ? envelope.Payload : EnvelopeReader.Decrypt(envelope, Decryption ?? throw new CryptographicException("no decryption key")); }
        catch (CryptographicException e) { problems.Add($"the answer cannot be decrypted: {e.Message}"); return null; }
        Response response;
        try { response = (Response)WireSerializer.Decode(payload); }
        catch (Exception e) when (e is WireFormatException or InvalidCastException) { problems.Add($"the answer's payload is not a response: {e.Message}"); return null; }
        if (response is MeshHelloResponse { EnvelopedProfileHost: { } hostEnvelope } hello)
        {
            Host = SignedObjects.OpenProfile<ProfileHost>(hostEnvelope).Profile;
            Service = hello.EnvelopedProfileService is { } serviceEnvelope ? SignedObjects.OpenProfile<ProfileService>(serviceEnvelope).Profile : Service;
        }
        var signed = Host?.KeyOfflineSignature is { } hostKey
            ? EnvelopeReader.VerifySignatures(envelope, ProfileKeys.Resolver([hostKey]))
            : Verification.Invalid("no host key: send Hello first");
        if (!signed.IsValid) problems.Add($"the answer is not signed by the host key advertised in Hello: {signed.Reason}");
        TakeTicket(envelope, problems);
        return response;
    }

    void TakeTicket(DareEnvelope envelope, List<string> problems)
    {
        if (envelope.Header.Cloaked is not { } cloaked || EnvelopeReader.Meta(envelope) is not { MessageType: DareAlgorithms.TicketMessageType, UniqueID: { } id } meta) return;
        try
        {
            var key = EnvelopeReader.Decrypt(DareEnvelope.Decode(cloaked), Decryption ?? throw new CryptographicException("no decryption key"));
            var expires = meta.KeyValues?.FirstOrDefault(k => k.Key == DareAlgorithms.TicketExpires)?.Value;
            Ticket = new ClientTicket(id, key, expires is null ? DateTimeOffset.MaxValue : DateTimeOffset.Parse(expires, System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is CryptographicException or WireFormatException or FormatException) { problems.Add($"the ticket cannot be opened: {e.Message}"); }
    }
}
