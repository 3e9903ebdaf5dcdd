namespace Mesh.Wire.Protocol;

/// <summary>Container name spellings (docs/service.md, A12).</summary>
public enum ContainerSpelling
{
    /// <summary><c>mmm_Device</c>: the 2019 code, the default for -03.</summary>
    Names2019,
    /// <summary><c>mmm/Device</c>: the 2020 code.</summary>
    Names2020,
}

/// <summary>
/// The account containers (docs/service.md). The 2019 code has no Local spool; the harness spells it
/// <c>mmm_Local</c> there, so the 2020 connection flow (Complete by ResponseID) works in both spellings.
/// </summary>
public sealed class ContainerNames
{
    // Spools hold messages (Inbound to Archive), catalogs hold Cataloged… records (draft §7).
    static readonly string[] Roles =
        ["Inbound", "Outbound", "Local", "Archive", "Credential", "Device", "Contact", "Application", "Bookmark", "Calendar", "Network", "Member"];

    readonly string separator;

    public ContainerNames(ContainerSpelling spelling)
    {
        Spelling = spelling;
        separator = spelling == ContainerSpelling.Names2019 ? "_" : "/";
        All = Roles.Select(Name).ToList();
    }

    public ContainerSpelling Spelling { get; }

    /// <summary>Every known name, in the order Status reports them.</summary>
    public IReadOnlyList<string> All { get; }

    public string Inbound => Name("Inbound");
    public string Local => Name("Local");
    public string Device => Name("Device");

    /// <summary>The reference server's fixed Status list (draft §7.1).</summary>
    public IReadOnlyList<string> ReferenceStatusList => Spelling == ContainerSpelling.Names2019
        ? [Name("Inbound"), Name("Credential"), Name("Device"), Name("Contact"), Name("Application"), Name("Bookmark"), Name("Calendar")]
        : [Name("Inbound"), Name("Outbound"), Name("Local"), Name("Credential"), Name("Device"), Name("Contact"), Name("Application"), Name("Bookmark"), Name("Calendar")];

    public bool IsKnown(string? name) => name is not null && All.Contains(name, StringComparer.Ordinal);

    string Name(string role) => "mmm" + separator + role;
}
