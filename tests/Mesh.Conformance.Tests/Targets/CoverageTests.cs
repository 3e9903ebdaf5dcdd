using Xunit;

namespace Mesh.Conformance.Tests.Targets;

/// <summary>`run --coverage` collects coverage of the reference code and renders it, or fails the run saying why.</summary>
public class CoverageTests
{
    [Fact]
    public void Run_with_coverage_renders_a_report_of_the_reference_service()
    {
        var folder = Directory.CreateTempSubdirectory("mesh-coverage-").FullName;
        try
        {
            var (exit, output) = ReferenceVectors.ReferenceVectorVerifierTests.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "mesh-conformance.dll"),
                "run", "--coverage", "--profile", "draft-03", "--tags", "id:hello-offers-version-3", "--report", folder]);
            Assert.True(exit == 0, output);
            var collected = Directory.EnumerateFiles(folder, "coverage.cobertura.xml", SearchOption.AllDirectories).ToList();
            Assert.True(collected.Count > 0, output);
            Assert.Contains("Mesh.Service", File.ReadAllText(collected[0]));
            Assert.True(File.Exists(Path.Combine(folder, "coverage", "index.html")), output);
        }
        finally { Directory.Delete(folder, recursive: true); }
    }
}
