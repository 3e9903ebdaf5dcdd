namespace Mesh.Service;

/// <summary>
/// The two behaviours the harness implements (docs/service.md, Profiles): the draft completed by the HP
/// recommendations, and the author's implementation as it behaved.
/// </summary>
public enum ProtocolProfile
{
    /// <summary>Specific status codes, conflict detection, Account required, unwrapped base64.</summary>
    Draft03,
    /// <summary>Success 201, every handled failure 400 "Error occurred", HTTP 200 always, wrapped base64, no checks.</summary>
    Reference,
}

public static class ProtocolProfiles
{
    public static string Name(this ProtocolProfile profile) => profile == ProtocolProfile.Draft03 ? "draft-03" : "reference";

    public static ProtocolProfile Parse(string name) => name.ToLowerInvariant() switch
    {
        "draft-03" or "draft03" => ProtocolProfile.Draft03,
        "reference" => ProtocolProfile.Reference,
        _ => throw new ArgumentException($"Unknown profile '{name}': use draft-03 or reference"),
    };
}
