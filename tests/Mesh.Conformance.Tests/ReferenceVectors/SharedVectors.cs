namespace Mesh.Conformance.Tests.ReferenceVectors;

/// <summary>
/// Finds the author's recorded vector sets: <c>MESH_REFERENCE_VECTORS</c> (a set, or a folder of sets),
/// else <c>../shared/reference-vectors/</c> beside the checkout. Any folder with <c>Examples/</c> and
/// <c>MANIFEST.md</c> is a set, whatever its name, so regenerations with other names are found too.
/// </summary>
public static class SharedVectors
{
    public const string Variable = "MESH_REFERENCE_VECTORS";

    public static IReadOnlyList<string> Sets { get; } = Find();

    public static string? Root { get; private set; }

    public static string MissingReason =>
        $"No recorded vector set found: set {Variable} to a vector set folder, or place shared/reference-vectors/ beside the checkout (CI has it).";

    static IReadOnlyList<string> Find()
    {
        var configured = Environment.GetEnvironmentVariable(Variable);
        var root = !string.IsNullOrEmpty(configured) ? configured : BesideCheckout();
        if (root is null || !Directory.Exists(root)) return [];
        Root = root;
        if (IsSet(root)) return [Path.GetFullPath(root)];
        return Directory.EnumerateDirectories(root).Where(IsSet).Order(StringComparer.Ordinal).Select(Path.GetFullPath).ToList();
    }

    static bool IsSet(string folder) => Directory.Exists(Path.Combine(folder, "Examples")) && File.Exists(Path.Combine(folder, "MANIFEST.md"));

    static string? BesideCheckout()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MeshConformance.sln")))
                return dir.Parent is null ? null : Path.Combine(dir.Parent.FullName, "shared", "reference-vectors");
        }
        return null;
    }

    /// <summary>A private copy of a set that a test may damage.</summary>
    public static string CopyOf(string set)
    {
        var target = Path.Combine(Path.GetTempPath(), "mesh-vectors-" + Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.EnumerateFiles(set, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(set, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
        return target;
    }
}

/// <summary>A fact that needs the recorded vectors; skipped, saying why, when they are absent.</summary>
public sealed class VectorFactAttribute : FactAttribute
{
    public VectorFactAttribute()
    {
        if (SharedVectors.Sets.Count == 0) Skip = SharedVectors.MissingReason;
    }
}

/// <summary>A theory that needs the recorded vectors; skipped, saying why, when they are absent.</summary>
public sealed class VectorTheoryAttribute : TheoryAttribute
{
    public VectorTheoryAttribute()
    {
        if (SharedVectors.Sets.Count == 0) Skip = SharedVectors.MissingReason;
    }
}
