using Mesh.Wire.Dare;
using Mesh.Wire.Model;

namespace Mesh.Wire.Objects;

/// <summary>Base of catalog entries.</summary>
public abstract class CatalogedEntry : WireRecord;

/// <summary>A device catalog entry: the device's profile, connection and activation (dare.md §8, 2020 shape).</summary>
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
