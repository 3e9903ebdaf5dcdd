using Mesh.Wire.Dare;
using Mesh.Wire.Model;

namespace Mesh.Wire.Objects;

/// <summary>Base of catalog entries.</summary>
public abstract class CatalogedEntry : WireRecord;

/// <summary>A device catalog entry: the device's profile, connection and activation (docs/reference-behaviour.md §D8, 2020 shape).</summary>
public sealed class CatalogedDevice : CatalogedEntry
{
    [Wire] public string? UDF { get; set; }
    [Wire] public DareEnvelope? EnvelopedProfileMesh { get; set; }
    [Wire] public string? DeviceUDF { get; set; }
    [Wire] public DareEnvelope? EnvelopedProfileDevice { get; set; }
    [Wire] public DareEnvelope? EnvelopedConnectionDevice { get; set; }
    [Wire] public DareEnvelope? EnvelopedActivationDevice { get; set; }
    [Wire] public List<AccountEntry>? Accounts { get; set; }
}

public sealed class AccountEntry : WireRecord
{
    [Wire] public string? AccountUDF { get; set; }
    [Wire] public DareEnvelope? EnvelopedProfileAccount { get; set; }
    [Wire] public DareEnvelope? EnvelopedConnectionAccount { get; set; }
    [Wire] public DareEnvelope? EnvelopedActivationAccount { get; set; }
}

/// <summary>A contact catalog entry (schema CatalogedContact; Permissions not modelled).</summary>
public sealed class CatalogedContact : CatalogedEntry
{
    [Wire] public bool? Self { get; set; }
    [Wire] public string? Key { get; set; }
    [Wire] public DareEnvelope? EnvelopedContact { get; set; }
}

/// <summary>What credential and network entries share: a protocol, a service and the account there.</summary>
public abstract class CatalogedAccess : CatalogedEntry
{
    [Wire] public string? Protocol { get; set; }
    [Wire] public string? Service { get; set; }
    [Wire] public string? Username { get; set; }
    [Wire] public string? Password { get; set; }
}

/// <summary>A credential catalog entry (schema CatalogedCredential).</summary>
public sealed class CatalogedCredential : CatalogedAccess;

/// <summary>A network catalog entry (schema CatalogedNetwork).</summary>
public sealed class CatalogedNetwork : CatalogedAccess;

/// <summary>A bookmark catalog entry (schema CatalogedBookmark).</summary>
public sealed class CatalogedBookmark : CatalogedEntry
{
    [Wire] public string? Uri { get; set; }
    [Wire] public string? Title { get; set; }
    [Wire] public string? Path { get; set; }
}

/// <summary>A calendar (task) catalog entry (schema CatalogedTask).</summary>
public sealed class CatalogedTask : CatalogedEntry
{
    [Wire] public DareEnvelope? EnvelopedTask { get; set; }
    [Wire] public string? Title { get; set; }
    [Wire] public string? Key { get; set; }
}

/// <summary>An application catalog entry (schema CatalogedApplication).</summary>
public sealed class CatalogedApplication : CatalogedEntry
{
    [Wire] public string? Key { get; set; }
}
