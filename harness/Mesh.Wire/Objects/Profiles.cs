using Mesh.Wire.Model;

namespace Mesh.Wire.Objects;

/// <summary>Base of signed statements (SchemaMesh Assertion).</summary>
public abstract class Assertion : WireRecord
{
    [Wire] public List<string>? Names { get; set; }
    [Wire] public DateTime? Updated { get; set; }
    [Wire] public string? NotaryToken { get; set; }
    [Wire] public List<Condition>? Conditions { get; set; }
}

public sealed class Condition : WireRecord;

/// <summary>A profile: its UDF is the UDF of <see cref="KeyOfflineSignature"/> (docs/reference-behaviour.md §U5).</summary>
public abstract class Profile : Assertion
{
    [Wire] public PublicKey? KeyOfflineSignature { get; set; }
    [Wire] public List<PublicKey>? KeysOnlineSignature { get; set; }
}

/// <summary>The persistent Mesh profile (<c>SignedProfileMesh</c> of CreateAccount).</summary>
public sealed class ProfileMesh : Profile
{
    [Wire] public List<PublicKey>? KeysMasterEscrow { get; set; }
    [Wire] public PublicKey? KeyEncryption { get; set; }
}

public sealed class ProfileDevice : Profile
{
    [Wire] public string? Description { get; set; }
    [Wire] public PublicKey? KeyEncryption { get; set; }
    [Wire] public PublicKey? KeyAuthentication { get; set; }
}

/// <summary>The account assertion (<c>SignedAssertionAccount</c>), signed by a Mesh online key.</summary>
public sealed class ProfileAccount : Profile
{
    [Wire] public List<string>? ServiceIDs { get; set; }
    [Wire] public string? MeshProfileUDF { get; set; }
    [Wire] public PublicKey? KeyEncryption { get; set; }
    [Wire] public PublicKey? KeyAuthentication { get; set; }
}

/// <summary>The service's profile, advertised in Hello (<c>EnvelopedProfileService</c>).</summary>
public sealed class ProfileService : Profile
{
    [Wire] public PublicKey? KeyAuthentication { get; set; }
    [Wire] public PublicKey? KeyEncryption { get; set; }
}

/// <summary>The host's profile, advertised in Hello (<c>EnvelopedProfileHost</c>).</summary>
public sealed class ProfileHost : Profile
{
    [Wire] public PublicKey? KeyAuthentication { get; set; }
    [Wire] public PublicKey? KeyEncryption { get; set; }
}

public sealed class ProfileGroup : Profile
{
    [Wire] public List<string>? ServiceIDs { get; set; }
    [Wire] public PublicKey? KeyEncryption { get; set; }
}
