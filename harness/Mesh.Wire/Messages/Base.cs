using Mesh.Wire.Dare;
using Mesh.Wire.Model;

namespace Mesh.Wire.Messages;

/// <summary>Base of every request (docs/wire.md).</summary>
public abstract class Request : WireRecord
{
    [Wire] public string? Service { get; set; }
    [Wire] public byte[]? ID { get; set; }
}

/// <summary>Base of every response (docs/wire.md); <see cref="Status"/> is authoritative (draft §4.5).</summary>
public abstract class Response : WireRecord
{
    [Wire] public int? Status { get; set; }
    [Wire] public int? StatusExtended { get; set; }
    [Wire] public string? StatusDescription { get; set; }
    [Wire] public byte[]? ID { get; set; }
}

/// <summary>Base of Public and Admin Mesh requests.</summary>
public abstract class MeshRequest : Request;

/// <summary>Base of User requests: the account acted on and the requesting device's profile (docs/wire.md).</summary>
public abstract class MeshRequestUser : MeshRequest
{
    [Wire] public string? Account { get; set; }
    [Wire] public DareEnvelope? DeviceProfile { get; set; }
}

/// <summary>A Mesh response with no fields of its own; also the answer to an unknown transaction.</summary>
public class MeshResponse : Response;
