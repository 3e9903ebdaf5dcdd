using System.Text;
using Mesh.Wire.Dare;
using Mesh.Wire.Model;

namespace Mesh.Wire.Objects;

/// <summary>Base of Mesh messages carried in envelopes by Connect, Post and the spools (draft §9).</summary>
public abstract class Message : WireRecord
{
    [Wire] public string? MessageID { get; set; }
    [Wire] public string? Sender { get; set; }
    [Wire] public string? Recipient { get; set; }
    [Wire] public List<Reference>? References { get; set; }

    /// <summary>
    /// The identifier of the response to a message, computable by both sides (draft §8): the
    /// harness takes the UDF of the message identifier's UTF-8 with content type <c>application/mmm-response</c>.
    /// </summary>
    public static string ResponseIdFor(string messageId) =>
        Fingerprints.Udf.ContentDigest(Encoding.UTF8.GetBytes(messageId), "application/mmm-response");
}

public sealed class Reference : WireRecord
{
    [Wire] public string? MessageID { get; set; }
    [Wire] public string? ResponseID { get; set; }
    [Wire] public string? Relationship { get; set; }
}

public sealed class MessageComplete : Message;

public sealed class MessagePIN : Message
{
    [Wire] public string? Account { get; set; }
    [Wire] public DateTime? Expires { get; set; }
    [Wire] public string? PIN { get; set; }
}

/// <summary>A device's request to connect to an account, signed by the device (draft §8).</summary>
public sealed class RequestConnection : Message
{
    [Wire] public string? ServiceID { get; set; }
    [Wire] public DareEnvelope? EnvelopedProfileDevice { get; set; }
    [Wire] public byte[]? ClientNonce { get; set; }
    [Wire] public string? PinUDF { get; set; }
}

/// <summary>The service's acknowledgement of a connection request, with the witness both devices show.</summary>
public sealed class AcknowledgeConnection : Message
{
    [Wire] public DareEnvelope? EnvelopedRequestConnection { get; set; }
    [Wire] public byte[]? ServerNonce { get; set; }
    [Wire] public string? Witness { get; set; }
}

/// <summary>The administrator's answer to a connection request (2020 shape): Accept, Reject or Pending.</summary>
public sealed class RespondConnection : Message
{
    [Wire] public string? Result { get; set; }
    [Wire] public CatalogedDevice? CatalogedDevice { get; set; }
}

public sealed class OfferGroup : Message;

public class RequestContact : Message
{
    [Wire] public bool? Reply { get; set; }
    [Wire] public string? Subject { get; set; }
    [Wire] public DareEnvelope? Self { get; set; }
}

public sealed class ReplyContact : RequestContact;

public sealed class GroupInvitation : Message
{
    [Wire] public string? Text { get; set; }
    [Wire] public DareEnvelope? EncryptedPartDecrypt { get; set; }
}

public sealed class RequestConfirmation : Message
{
    [Wire] public string? Text { get; set; }
}

public sealed class ResponseConfirmation : Message
{
    [Wire] public RequestConfirmation? Request { get; set; }
    [Wire] public bool? Accept { get; set; }
}

public sealed class RequestTask : Message;
