using Mesh.Conformance.Runner;

namespace Mesh.Conformance.Tests.Targets;

/// <summary>The traces folder holds what the latest run's scenarios sent and received, and nothing from runs before it.</summary>
public class TraceFolderTests
{
    [SpecsBuiltFact]
    public async Task A_run_leaves_no_trace_of_an_earlier_run()
    {
        var folder = Directory.CreateTempSubdirectory("mesh-traces").FullName;
        try
        {
            var options = new RunOptions { ReportFolder = folder, Profile = "draft-03", Case = "hello-offers-version-3" };
            Assert.NotEmpty((await SuiteRunner.RunAsync(options, _ => { })).Results);
            var trace = Path.Combine(folder, "traces", "draft-03", "hello-offers-version-3");
            var exchanges = Directory.GetFiles(trace, "exchange-*.txt").Select(Path.GetFileName).Order().ToList();
            Assert.NotEmpty(exchanges);
            // As a longer earlier run, or one of another target, would have left it.
            File.WriteAllText(Path.Combine(trace, "exchange-99.txt"), "an exchange of an earlier run");
            // As a whole run before a run limited with --case would have left it.
            var other = Path.Combine(folder, "traces", "draft-03", "upload-first-entries");
            Directory.CreateDirectory(other);
            File.WriteAllText(Path.Combine(other, "exchange-1.txt"), "an exchange of a scenario this run did not run");

            Assert.NotEmpty((await SuiteRunner.RunAsync(options, _ => { })).Results);
            Assert.Equal(exchanges, Directory.GetFiles(trace, "exchange-*.txt").Select(Path.GetFileName).Order().ToList());
            Assert.True(File.Exists(Path.Combine(trace, "trace.json")));
            Assert.False(Directory.Exists(other));
        }
        finally { Directory.Delete(folder, recursive: true); }
    }
}
