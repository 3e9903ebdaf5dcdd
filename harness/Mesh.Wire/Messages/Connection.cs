using Mesh.Wire.Dare;
using Mesh.Wire.Model;

namespace Mesh.Wire.Messages;

/// <summary>Connect (draft §8): a device's signed RequestConnection.</summary>
[WireTag("Connect")]
public sealed class ConnectRequest : MeshRequest
{
    [Wire] public DareEnvelope? MessageConnectionRequestClient { get; set; }
}

public sealed class ConnectResponse : MeshResponse
{
    [Wire] public DareEnvelope? EnvelopedConnectionResponse { get; set; }
    [Wire] public DareEnvelope? EnvelopedProfileMaster { get; set; }
    [Wire] public DareEnvelope? EnvelopedAccountAssertion { get; set; }
}

/// <summary>Post ("Mesh Messaging"): messages for recipients' inbound spools, and items for the sender's own.</summary>
[WireTag("Post")]
public sealed class PostRequest : MeshRequest
{
    [Wire] public List<string>? Accounts { get; set; }
    [Wire] public List<DareEnvelope>? Message { get; set; }
    [Wire] public List<DareEnvelope>? Self { get; set; }
}

public sealed class PostResponse : UploadResponse;
