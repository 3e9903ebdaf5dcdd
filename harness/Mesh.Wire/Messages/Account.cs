using Mesh.Wire.Dare;
using Mesh.Wire.Model;

namespace Mesh.Wire.Messages;

/// <summary>CreateAccount (draft §6): binds an account to the service with its Mesh profile and assertion.</summary>
[WireTag("CreateAccount")]
public sealed class CreateRequest : MeshRequest
{
    [Wire] public string? ServiceID { get; set; }
    [Wire] public DareEnvelope? SignedProfileMesh { get; set; }
    [Wire] public DareEnvelope? SignedAssertionAccount { get; set; }
}

public sealed class CreateResponse : MeshResponse
{
    [Wire] public string? Reason { get; set; }
    [Wire] public string? URL { get; set; }
}

/// <summary>DeleteAccount (draft §6): the account is named by <see cref="MeshRequestUser.Account"/>.</summary>
[WireTag("DeleteAccount")]
public sealed class DeleteRequest : MeshRequestUser;

public sealed class DeleteResponse : MeshResponse;
