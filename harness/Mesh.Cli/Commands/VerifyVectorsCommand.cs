using System.CommandLine;
using Mesh.Conformance.ReferenceVectors;

namespace Mesh.Cli.Commands;

/// <summary><c>verify-vectors DIR</c>: checks an author's recorded example set with the project's own wire code.</summary>
public static class VerifyVectorsCommand
{
    public static Command Create()
    {
        var folder = new Argument<string>("folder")
        {
            Description = "A folder laid out like the author's example sets (Examples/*.md, Generated/*.md, MANIFEST.md)",
        };
        var failuresOnly = new Option<bool>("--failures-only") { Description = "Print only the claims that fail, then the summary" };
        var command = new Command("verify-vectors", "Check every checkable claim of a recorded example set: one line per claim, a summary last")
        {
            folder,
            failuresOnly,
        };
        command.SetAction(parse => Run(parse.GetValue(folder)!, parse.GetValue(failuresOnly), Console.Out, Console.Error));
        return command;
    }

    public static int Run(string folder, bool failuresOnly, TextWriter output, TextWriter error)
    {
        var color = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        IReadOnlyList<VectorCheck> checks;
        try
        {
            checks = ReferenceVectorVerifier.Verify(folder, check =>
            {
                if (failuresOnly && check.Passed) return;
                output.WriteLine(color ? Colored(check) : check.ToString());
            });
        }
        catch (DirectoryNotFoundException e)
        {
            error.WriteLine($"verify-vectors: {e.Message}");
            return 2;
        }
        var failed = checks.Count(c => !c.Passed);
        var drift = ReferenceVectorVerifier.Drift(folder);
        if (drift.Count > 0)
        {
            // A later (or earlier) schema revision is not a failure of the set: its own claims are above.
            output.WriteLine();
            output.WriteLine($"Schema drift of {Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)))} from the draft-03 model ({drift.Count} member(s), informational, not counted):");
            foreach (var row in drift) output.WriteLine("  " + row);
        }
        output.WriteLine();
        output.WriteLine($"{checks.Count - failed} passed, {failed} failed");
        return failed == 0 ? 0 : 1;
    }

    static string Colored(VectorCheck check) =>
        (check.Passed ? "\u001b[32m" : "\u001b[31m") + check.ToString()[..4] + "\u001b[0m" + check.ToString()[4..];
}
