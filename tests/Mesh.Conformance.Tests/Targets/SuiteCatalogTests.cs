using Mesh.Cli.Commands;
using Mesh.Conformance.Scenarios;
using Mesh.Conformance.Vectors;

namespace Mesh.Conformance.Tests.Targets;

/// <summary>The suite's own bookkeeping: ids unique per profile, every scenario tagged, vectors and the requirement table current.</summary>
public class SuiteCatalogTests
{
    static readonly string Root = Repository.Root ?? throw new InvalidOperationException("tests run inside the checkout");
    static IReadOnlyList<CatalogEntry> Catalog => FeatureCatalog.Load(Path.Combine(Root, "features"));

    [Fact]
    public void Every_scenario_has_an_id_a_section_and_a_level_and_each_run_key_is_unique()
    {
        Assert.NotEmpty(Catalog);
        Assert.All(Catalog, e =>
        {
            Assert.False(string.IsNullOrEmpty(e.Id), $"{e.File}: '{e.Title}' has no @id");
            Assert.False(string.IsNullOrEmpty(e.Spec), $"{e.Id} has no @spec");
            Assert.True(e.Tags.Intersect(["must", "should", "may"]).Count() == 1, $"{e.Id} needs exactly one of @must, @should, @may");
            Assert.Contains(e.Profile, new[] { "draft-03", "reference" });
        });
        var duplicates = Catalog.GroupBy(e => (e.Key, e.Profile)).Where(g => g.Count() > 1).Select(g => $"{g.Key.Key} [{g.Key.Profile}]").ToList();
        Assert.Empty(duplicates);
    }

    [Fact]
    public void Every_transaction_has_its_feature()
    {
        var features = Catalog.Select(e => e.Feature).ToHashSet();
        foreach (var transaction in Mesh.Wire.Messages.Transactions.All) Assert.Contains(transaction.Name, features);
        foreach (var feature in new[] { "Discovery", "HTTP binding", "DARE message encapsulation", "Payload encodings", "Error handling" })
            Assert.Contains(feature, features);
    }

    [Fact]
    public void Every_requirement_tag_is_defined_and_the_coverage_document_is_current()
    {
        var coverage = RequirementsCommand.Build(Root);
        Assert.Empty(coverage.UnknownTags);
        Assert.Equal(coverage.Markdown(), File.ReadAllText(Path.Combine(Root, "docs", "requirements-coverage.md")));
    }

    [Fact]
    public void Every_open_question_A1_to_A36_is_settled_in_the_projects_docs()
    {
        var decisions = RequirementCoverage.LoadDecisions(Path.Combine(Root, "docs", "ambiguities.md"));
        Assert.Equal(Enumerable.Range(1, 36).Select(n => $"A{n}"), decisions);
        var named = RequirementCoverage.Load(Path.Combine(Root, "features", "requirements.md"))
            .SelectMany(r => System.Text.RegularExpressions.Regex.Matches(r.Decision, @"\bA\d+\b").Select(m => m.Value)).Distinct();
        Assert.All(named, a => Assert.Contains(a, decisions));
    }

    [Fact]
    public void Every_recorded_vector_belongs_to_a_scenario_of_its_profile()
    {
        var keys = Catalog.Select(e => $"{e.Profile}/{e.Key}").ToHashSet();
        var vectors = Directory.EnumerateFiles(Path.Combine(Root, "vectors"), "*.json", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(Path.Combine(Root, "vectors"), p)[..^".json".Length].Replace('\\', '/')).ToList();
        Assert.NotEmpty(vectors);
        Assert.All(vectors, v => Assert.Contains(v, keys));
    }
}
