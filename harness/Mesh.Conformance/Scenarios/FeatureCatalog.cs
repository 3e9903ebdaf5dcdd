using Gherkin;
using Gherkin.Ast;

namespace Mesh.Conformance.Scenarios;

/// <summary>One runnable case of the suite: a scenario in one profile (and example case).</summary>
public sealed record CatalogEntry(string Feature, string File, string Id, string Title, string Spec, RequirementLevel Level,
    string Profile, string? Case, IReadOnlyList<string> Tags)
{
    public string Key => Case is null ? Id : $"{Id}.{Case}";
}

/// <summary>
/// Lists the suite from <c>features/*.feature</c>, read with the Gherkin parser SpecFlow uses: each scenario's tags and
/// title, and per example row its profile (the row's <c>profile</c> column, else its Examples block's
/// <c>@profile:</c> tag) and <c>case</c> column. An Examples block without a profile is no case of the suite. The
/// runner uses the list for <c>--list</c>, for the expected total, and to check that ids are unique.
/// </summary>
public static class FeatureCatalog
{
    public static IReadOnlyList<CatalogEntry> Load(string featuresFolder) =>
        Directory.EnumerateFiles(featuresFolder, "*.feature", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .SelectMany(path => Parse(File.ReadAllText(path), Path.GetFileName(path)))
            .ToList();

    /// <exception cref="Gherkin.CompositeParserException">The text is not Gherkin (the message names the lines).</exception>
    public static IEnumerable<CatalogEntry> Parse(string text, string file)
    {
        var document = new Parser().Parse(new StringReader(text));
        if (document.Feature is not { } feature) yield break;
        var featureTags = Names(feature.Tags);
        foreach (var scenario in Scenarios(feature.Children))
        {
            List<string> tags = [.. Names(scenario.Tags), .. featureTags];
            var level = tags.Contains("must") ? RequirementLevel.Must : tags.Contains("should") ? RequirementLevel.Should : RequirementLevel.May;
            string TagValue(string prefix) => tags.FirstOrDefault(t => t.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..] ?? "";
            foreach (var examples in scenario.Examples)
            {
                var blockProfile = Names(examples.Tags).FirstOrDefault(t => t.StartsWith("profile:", StringComparison.Ordinal))?["profile:".Length..];
                if (blockProfile is null || examples.TableHeader is null) continue;
                var header = examples.TableHeader.Cells.Select(c => c.Value).ToList();
                foreach (var row in examples.TableBody)
                {
                    var cells = row.Cells.Select(c => c.Value).ToList();
                    string? Cell(string name) => header.IndexOf(name) is var i and >= 0 && i < cells.Count ? cells[i] : null;
                    yield return new CatalogEntry(feature.Name.Trim(), file, TagValue("id:"), scenario.Name.Trim(), TagValue("spec:"), level,
                        Cell("profile") ?? blockProfile, Cell("case"), tags);
                }
            }
        }
    }

    /// <summary>The scenarios of a feature, those inside its rules included.</summary>
    static IEnumerable<Scenario> Scenarios(IEnumerable<IHasLocation> children) => children.SelectMany(child => child switch
    {
        Scenario scenario => [scenario],
        Rule rule => Scenarios(rule.Children),
        _ => Enumerable.Empty<Scenario>(),
    });

    static List<string> Names(IEnumerable<Tag> tags) => [.. tags.Select(t => t.Name.TrimStart('@'))];
}
