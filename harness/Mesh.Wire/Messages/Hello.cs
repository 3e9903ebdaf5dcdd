using Mesh.Wire.Dare;
using Mesh.Wire.Model;

namespace Mesh.Wire.Messages;

/// <summary>Hello (draft §5): the one request allowed with null authentication.</summary>
[WireTag("Hello")]
public sealed class HelloRequest : Request;

/// <summary>The generic Hello response: versions offered.</summary>
public class HelloResponse : Response
{
    [Wire] public ProtocolVersion? Version { get; set; }
    [Wire] public List<ProtocolVersion>? Alternates { get; set; }
}

/// <summary>The Mesh Hello response: constraints, policy and the signed service and host profiles.</summary>
public sealed class MeshHelloResponse : HelloResponse
{
    [Wire] public ConstraintsData? ConstraintsUpdate { get; set; }
    [Wire] public ConstraintsData? ConstraintsPost { get; set; }
    [Wire] public PolicyAccount? PolicyAccount { get; set; }
    [Wire] public DareEnvelope? EnvelopedProfileService { get; set; }
    [Wire] public DareEnvelope? EnvelopedProfileHost { get; set; }
}
