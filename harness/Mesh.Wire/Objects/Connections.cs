using Mesh.Wire.Dare;
using Mesh.Wire.Model;

namespace Mesh.Wire.Objects;

/// <summary>Binds a subject (device, account) to an authority (SchemaMesh Connection).</summary>
public abstract class Connection : Assertion
{
    [Wire] public string? SubjectUDF { get; set; }
    [Wire] public string? AuthorityUDF { get; set; }
}

public sealed class ConnectionDevice : Connection
{
    [Wire] public List<Permission>? Permissions { get; set; }
    [Wire] public PublicKey? KeySignature { get; set; }
    [Wire] public PublicKey? KeyEncryption { get; set; }
    [Wire] public PublicKey? KeyAuthentication { get; set; }
}

public sealed class ConnectionAccount : Connection
{
    [Wire] public List<string>? ServiceID { get; set; }
    [Wire] public List<Permission>? Permissions { get; set; }
    [Wire] public PublicKey? KeySignature { get; set; }
    [Wire] public PublicKey? KeyEncryption { get; set; }
    [Wire] public PublicKey? KeyAuthentication { get; set; }
}

public sealed class ConnectionService : Connection;

public sealed class ConnectionHost : Connection;

/// <summary>Private-key contributions for a connected device (SchemaMesh Activation).</summary>
public abstract class Activation : Assertion
{
    [Wire] public DareEnvelope? EnvelopedConnection { get; set; }
    [Wire] public string? ActivationKey { get; set; }
}

public sealed class ActivationDevice : Activation;

public sealed class ActivationAccount : Activation
{
    [Wire] public string? AccountUDF { get; set; }
    [Wire] public KeyComposite? KeyGroup { get; set; }
}

public sealed class Permission : WireRecord
{
    [Wire] public string? Name { get; set; }
    [Wire] public string? Role { get; set; }
    [Wire] public DareEnvelope? Capabilities { get; set; }
}
