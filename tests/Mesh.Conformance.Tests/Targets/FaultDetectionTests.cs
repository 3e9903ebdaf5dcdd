using Mesh.Conformance.Runner;
using Mesh.Service.Faults;

namespace Mesh.Conformance.Tests.Targets;

/// <summary>
/// The suite catches every fault of the catalogue: for each, the whole suite runs in its own test process
/// against the embedded service committing that fault, vectors not compared, and at least one scenario fails.
/// </summary>
public class FaultDetectionTests
{
    public static TheoryData<string> Faults => new(ServiceFaults.All.Select(f => f.Name));

    [SpecsBuiltTheory]
    [MemberData(nameof(Faults))]
    public async Task The_suite_fails_against_a_service_committing(string fault)
    {
        var folder = Directory.CreateTempSubdirectory("mesh-fault").FullName;
        try
        {
            var verdicts = await FaultDetection.RunAsync(new RunOptions { Configuration = SpecsBuiltTheoryAttribute.Configuration, ReportFolder = folder },
                ServiceFaults.All.Where(f => f.Name == fault));
            var verdict = Assert.Single(verdicts);
            Assert.True(verdict.Detected, $"no scenario failed against a service committing {fault} ({verdict.Description})");
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    [Fact]
    public void The_catalogue_has_at_least_25_faults_with_unique_names()
    {
        Assert.True(ServiceFaults.All.Count >= 25);
        Assert.Equal(ServiceFaults.All.Count, ServiceFaults.All.Select(f => f.Name).Distinct().Count());
    }
}

/// <summary>Needs the specs assembly this test build sits beside (dotnet test of the solution builds it).</summary>
public sealed class SpecsBuiltTheoryAttribute : TheoryAttribute
{
#if DEBUG
    public const string Configuration = "Debug";
#else
    public const string Configuration = "Release";
#endif

    /// <summary>Why a test that runs the suite cannot, or null when the specs are built.</summary>
    public static string? MissingSpecs => File.Exists(SuiteRunner.SpecsAssembly(Configuration)) ? null
        : $"The specs are not built in {Configuration} ({SuiteRunner.SpecsAssembly(Configuration)}): run dotnet test on the solution";

    public SpecsBuiltTheoryAttribute() => Skip = MissingSpecs;
}
