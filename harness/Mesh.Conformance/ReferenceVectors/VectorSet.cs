namespace Mesh.Conformance.ReferenceVectors;

/// <summary>
/// A folder laid out like the author's recorded example sets: <c>Examples/*.md</c> and
/// <c>Generated/*.md</c> (MANIFEST.md). Missing files are reported as failed claims, not crashes.
/// </summary>
public sealed class VectorSet
{
    VectorSet(string root) => Root = root;

    public string Root { get; }
    public string Examples => Path.Combine(Root, "Examples");

    /// <summary>Opens a set; throws <see cref="DirectoryNotFoundException"/> when the folder is not a vector set.</summary>
    public static VectorSet Open(string root)
    {
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"Vector set folder '{root}' does not exist");
        var set = new VectorSet(Path.GetFullPath(root));
        if (!Directory.Exists(set.Examples))
            throw new DirectoryNotFoundException($"'{root}' is not a vector set: it has no Examples/ folder");
        return set;
    }

    public IEnumerable<MarkdownExample> ExamplesMatching(string pattern) =>
        Directory.EnumerateFiles(Examples, pattern).Order(StringComparer.Ordinal).Select(MarkdownExample.Load);

    public string? Generated(string name)
    {
        var path = Path.Combine(Root, "Generated", name);
        return File.Exists(path) ? path : null;
    }

    /// <summary>Runs checks over one example file; a missing or unreadable file is one failed claim.</summary>
    public void With(string name, Action<MarkdownExample> checks, CheckLog log)
    {
        var path = Path.Combine(Examples, name);
        if (!File.Exists(path))
        {
            log.Claim(name, "file present", false, $"missing from {Examples}");
            return;
        }
        log.Guard(name, "file is well formed", () => checks(MarkdownExample.Load(path)));
    }
}
