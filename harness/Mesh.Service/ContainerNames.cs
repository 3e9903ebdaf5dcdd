namespace Mesh.Service;

/// <summary>Whether a container holds catalog records or spooled messages (docs/service.md).</summary>
public enum ContainerKind
{
    Catalog,
    Spool,
}

/// <summary>
/// The account containers (docs/service.md). The 2019 code has no Local spool; the harness spells it
/// <c>mmm_Local</c> there, so the 2020 connection flow (Complete by ResponseID) works in both spellings.
/// </summary>
public sealed class ContainerNames
{
    static readonly (string Role, ContainerKind Kind)[] Roles =
    [
        ("Inbound", ContainerKind.Spool),
        ("Outbound", ContainerKind.Spool),
        ("Local", ContainerKind.Spool),
        ("Archive", ContainerKind.Spool),
        ("Credential", ContainerKind.Catalog),
        ("Device", ContainerKind.Catalog),
        ("Contact", ContainerKind.Catalog),
        ("Application", ContainerKind.Catalog),
        ("Bookmark", ContainerKind.Catalog),
        ("Calendar", ContainerKind.Catalog),
        ("Network", ContainerKind.Catalog),
        ("Member", ContainerKind.Catalog),
    ];

    readonly string separator;

    public ContainerNames(ContainerSpelling spelling)
    {
        Spelling = spelling;
        separator = spelling == ContainerSpelling.Names2019 ? "_" : "/";
        All = Roles.Select(r => Name(r.Role)).ToList();
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

    public ContainerKind KindOf(string name) => Roles.First(r => Name(r.Role) == name).Kind;

    string Name(string role) => "mmm" + separator + role;
}
