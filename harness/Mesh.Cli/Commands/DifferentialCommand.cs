using System.CommandLine;
using Mesh.Conformance.Differential;

namespace Mesh.Cli.Commands;

/// <summary><c>differential</c>: our wire crypto against independent implementations on seeded random cases (docs/wire.md).</summary>
public static class DifferentialCommand
{
    public static Command Create()
    {
        var cases = new Option<int>("--cases") { Description = "Cases per primitive", DefaultValueFactory = _ => 300 };
        var seed = SeedOption.Number("Seed of every case's inputs (a disagreement is reproduced by seed, primitive and case)");
        var openssl = new Option<int?>("--openssl-cases") { Description = "At most this many cases per primitive also go to openssl (one process each); default all" };
        var primitive = new Option<string[]>("--primitive") { Description = "Only these primitives (repeatable); default all", AllowMultipleArgumentsPerToken = true };
        var command = new Command("differential",
            "Compare our primitives and DARE constructions with the checker's Python functions, openssl and BouncyCastle on seeded random cases")
        {
            cases, seed, primitive, openssl,
        };
        command.SetAction(parse => Run(parse.GetValue(cases), parse.GetValue(seed), parse.GetValue(primitive) ?? [],
            parse.GetValue(openssl) ?? int.MaxValue, Console.Out, Console.Error));
        return command;
    }

    public static int Run(int cases, int seed, string[] primitives, int openSslCases, TextWriter output, TextWriter error)
    {
        if (cases < 1) { error.WriteLine("differential: --cases must be at least 1"); return 2; }
        IReadOnlyList<PrimitiveResult> results;
        try { results = DifferentialComparison.Run(cases, seed, primitives, openSslCases: openSslCases); }
        catch (Exception e) when (e is OracleUnavailableException or ArgumentException)
        {
            error.WriteLine($"differential: {e.Message}");
            return 2;
        }
        output.WriteLine($"seed {seed}, {cases} cases per primitive");
        output.WriteLine($"{"primitive",-20} {"cases",6} {"compared",9} {"agree",7} {"disagree",9} {"openssl",8} {"seconds",8}");
        foreach (var result in results)
            output.WriteLine($"{result.Name,-20} {result.Cases,6} {result.Comparisons,9} {result.Agreements,7} {result.Disagreements.Count,9} {result.OpenSslCases,8} {result.Elapsed.TotalSeconds,8:F1}");
        var disagreements = results.SelectMany(r => r.Disagreements).ToList();
        if (disagreements.Count > 0)
        {
            output.WriteLine();
            output.WriteLine($"disagreements (reproduce with --seed {seed} --primitive NAME; case i's inputs follow):");
            foreach (var disagreement in disagreements.Take(50)) output.WriteLine(disagreement);
            if (disagreements.Count > 50) output.WriteLine($"  ... and {disagreements.Count - 50} more");
        }
        return disagreements.Count == 0 ? 0 : 1;
    }
}
