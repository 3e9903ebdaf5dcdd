using Mesh.Conformance.Scenarios;
using Mesh.Conformance.Vectors;
using Xunit;

namespace Mesh.Conformance.Specs.SelfChecks;

/// <summary>Every scenario is judged by a row of features/requirements.md, and a draft row's level is the scenario's.</summary>
public class RequirementTagTests
{
    static readonly string Root = Repository.Root ?? throw new InvalidOperationException("run inside the checkout");
    static readonly IReadOnlyList<Requirement> Rows = RequirementCoverage.Load(Path.Combine(Root, "features", "requirements.md"));
    static readonly IReadOnlyList<CatalogEntry> Catalog = FeatureCatalog.Load(Path.Combine(Root, "features"));

    [Fact]
    public void Every_scenario_names_the_requirement_it_is_graded_by_and_every_id_is_defined()
    {
        Assert.Empty(Catalog.Where(e => !e.Tags.Any(t => t.StartsWith("req:", StringComparison.Ordinal))).Select(e => e.Key));
        Assert.Empty(new RequirementCoverage(Rows, Catalog).UnknownTags);
    }

    [SkippableFact]
    public void Every_row_has_a_known_source_and_a_draft_row_quotes_a_sentence_of_the_draft()
    {
        var path = Path.Combine(Root, "..", "shared", "spec", "drafts", "draft-hallambaker-mesh-5-protocol.md");
        Skip.IfNot(File.Exists(path), $"the draft's text is not beside the checkout ({path})");
        // The draft's source marks its references inline (<norm="RFC8446"/>); a quote leaves them out.
        var draft = System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(path), @"\s*<norm=""[^""]*""/>", "");
        foreach (var row in Rows)
        {
            var kind = VerdictSource.ParseKind(row.Source);
            if (kind == SourceKind.Draft && row.Id != "D32") Assert.True(draft.Contains(row.Text, StringComparison.Ordinal), $"{row.Id} is not quoted from the draft: {row.Text}");
            if (kind != SourceKind.Draft) Assert.False(string.IsNullOrEmpty(row.Decision), $"{row.Id} names no decision it settles");
        }
    }

    [Fact]
    public void A_scenario_graded_by_a_sentence_of_the_draft_carries_its_level()
    {
        foreach (var entry in Catalog)
        {
            var id = entry.Tags.First(t => t.StartsWith("req:", StringComparison.Ordinal))[4..];
            var row = Rows.Single(r => r.Id == id);
            if (VerdictSource.ParseKind(row.Source) != SourceKind.Draft) continue;
            var level = row.Level is "MAY" ? RequirementLevel.May : row.Level.StartsWith("SHOULD", StringComparison.Ordinal) ? RequirementLevel.Should : RequirementLevel.Must;
            Assert.True(level == entry.Level, $"{entry.Key} is tagged {entry.Level} but graded by {id}, a {row.Level}");
        }
    }
}
