using System.Text.RegularExpressions;

namespace Mesh.Conformance.Scenarios;

/// <summary>One runnable case of the suite: a scenario in one profile (and example case).</summary>
public sealed record CatalogEntry(string Feature, string File, string Id, string Title, string Spec, RequirementLevel Level,
    string Profile, string? Case, IReadOnlyList<string> Tags)
{
    public string Key => Case is null ? Id : $"{Id}.{Case}";
}

/// <summary>
/// Reads <c>features/*.feature</c> far enough to list the suite: each scenario's tags and title, and per
/// example row its profile (from the Examples block's <c>@profile:</c> tag) and <c>case</c> column.
/// The runner uses it for <c>--list</c>, for the expected total, and to check that ids are unique.
/// </summary>
public static partial class FeatureCatalog
{
    public static IReadOnlyList<CatalogEntry> Load(string featuresFolder) =>
        Directory.EnumerateFiles(featuresFolder, "*.feature", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .SelectMany(path => Parse(File.ReadAllLines(path), Path.GetFileName(path)))
            .ToList();

    public static IEnumerable<CatalogEntry> Parse(IReadOnlyList<string> lines, string file)
    {
        var feature = "";
        List<string> featureTags = [], pendingTags = [];
        List<string>? scenarioTags = null;
        string? title = null, examplesProfile = null;
        List<string>? header = null;
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.StartsWith('@'))
            {
                pendingTags.AddRange(Tag().Matches(line).Select(m => m.Groups[1].Value));
                continue;
            }
            if (line.StartsWith("Feature:", StringComparison.Ordinal))
            {
                feature = line["Feature:".Length..].Trim();
                featureTags = [.. pendingTags];
                pendingTags.Clear();
            }
            else if (line.StartsWith("Scenario", StringComparison.Ordinal))
            {
                title = line[(line.IndexOf(':') + 1)..].Trim();
                scenarioTags = [.. pendingTags, .. featureTags];
                pendingTags.Clear();
                header = null;
                examplesProfile = null; // tables before this scenario's Examples (a DNS zone) are steps, not cases
            }
            else if (line.StartsWith("Examples:", StringComparison.Ordinal))
            {
                examplesProfile = pendingTags.FirstOrDefault(t => t.StartsWith("profile:", StringComparison.Ordinal))?["profile:".Length..];
                pendingTags.Clear();
                header = null;
            }
            else if (line.StartsWith('|') && scenarioTags is not null && examplesProfile is not null)
            {
                var cells = line.Trim('|').Split('|').Select(c => c.Trim()).ToList();
                if (header is null)
                {
                    header = cells;
                    continue;
                }
                string? Cell(string name) => header.IndexOf(name) is var i and >= 0 && i < cells.Count ? cells[i] : null;
                var level = scenarioTags.Contains("must") ? RequirementLevel.Must : scenarioTags.Contains("should") ? RequirementLevel.Should : RequirementLevel.May;
                string TagValue(string prefix) => scenarioTags.FirstOrDefault(t => t.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..] ?? "";
                yield return new CatalogEntry(feature, file, TagValue("id:"), title!, TagValue("spec:"), level,
                    Cell("profile") ?? examplesProfile, Cell("case"), scenarioTags);
            }
        }
    }

    [GeneratedRegex(@"@(\S+)")]
    private static partial Regex Tag();
}
