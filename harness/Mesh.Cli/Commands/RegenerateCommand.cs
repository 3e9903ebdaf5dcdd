using System.CommandLine;
using Mesh.Conformance.Runner;
using Mesh.Conformance.Vectors;

namespace Mesh.Cli.Commands;

/// <summary>
/// <c>regenerate</c>: rewrites vectors/ from a run of the whole suite (fixed seeds, seeded random streams per
/// scenario), then renders the example sections. Running it twice gives identical files.
/// </summary>
public static class RegenerateCommand
{
    public static Command Create()
    {
        var command = new Command("regenerate", "Rewrite vectors/ from the suite and render the draft's example sections into vectors/examples/");
        command.SetAction(async (_, cancel) =>
        {
            if (Repository.Root is null)
            {
                Console.Error.WriteLine("regenerate: cannot find the MeshConformance checkout");
                return 2;
            }
            var folder = Repository.Vectors;
            foreach (var profile in new[] { "draft-03", "reference", "examples" })
            {
                var path = Path.Combine(folder, profile);
                if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
            }
            var outcome = await SuiteRunner.RunAsync(new RunOptions { Vectors = VectorMode.Write, ReportFolder = Path.Combine(Path.GetTempPath(), "mesh-regenerate") }, _ => { }, cancel);
            var failed = outcome.Results.Count(r => r.Verdict == Mesh.Conformance.Drivers.Verdict.Fail);
            var vectors = Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories).Count();
            var examples = ExampleRenderer.RenderAll(folder);
            Console.WriteLine($"{vectors} vectors written to {folder}; {examples.Count} example sections in {Path.Combine(folder, "examples")}");
            if (failed > 0 || outcome.Results.Count == 0)
            {
                Console.Error.WriteLine($"regenerate: {failed} scenario(s) failed while recording; their vectors may be incomplete");
                return 1;
            }
            return 0;
        });
        return command;
    }
}
