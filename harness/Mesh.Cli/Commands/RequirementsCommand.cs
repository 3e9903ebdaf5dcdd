using System.CommandLine;
using Mesh.Conformance.Scenarios;
using Mesh.Conformance.Vectors;

namespace Mesh.Cli.Commands;

/// <summary><c>requirements</c>: which scenarios check each MUST/SHOULD of the draft and each decision of the project; writes docs/requirements-coverage.md.</summary>
public static class RequirementsCommand
{
    public static Command Create()
    {
        var command = new Command("requirements", "Map the draft's requirements and the project's decisions to the scenarios that check them");
        command.SetAction(_ =>
        {
            if (Repository.Root is null)
            {
                Console.Error.WriteLine("requirements: cannot find the MeshConformance checkout");
                return 2;
            }
            var coverage = Build(Repository.Root);
            var path = Path.Combine(Repository.Root, "docs", "requirements-coverage.md");
            File.WriteAllText(path, coverage.Markdown());
            foreach (var r in coverage.Requirements)
            {
                var covering = string.Join(", ", coverage.ScenariosFor(r));
                Console.WriteLine($"{r.Id,-4} {r.Source,-9} {r.Level,-10} {r.Scope,-18} {(covering.Length > 0 ? covering : "-")}");
            }
            Console.WriteLine($"{coverage.Covered} of {coverage.InScope.Count} service requirements checked; written to {path}");
            Console.WriteLine($"decisions exercised: {coverage.Decisions.Count(d => coverage.ScenariosDeciding(d).Count > 0)} of {coverage.Decisions.Count} (docs/ambiguities.md)");
            Console.WriteLine($"cases graded by source: {string.Join(", ", coverage.CasesBySource.Select(p => $"{p.Key} {p.Value}"))}");
            if (coverage.UnknownTags.Count > 0) Console.Error.WriteLine($"unknown @req ids: {string.Join(", ", coverage.UnknownTags)}");
            return coverage.UnknownTags.Count == 0 ? 0 : 1;
        });
        return command;
    }

    public static RequirementCoverage Build(string root) => new(
        RequirementCoverage.Load(Path.Combine(root, "features", "requirements.md")),
        FeatureCatalog.Load(Path.Combine(root, "features")),
        RequirementCoverage.LoadDecisions(Path.Combine(root, "docs", "ambiguities.md")));
}
