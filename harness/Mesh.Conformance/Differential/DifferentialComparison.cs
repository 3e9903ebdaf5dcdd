namespace Mesh.Conformance.Differential;

/// <summary>
/// Runs the differential comparison of <see cref="Primitives"/>: per primitive, <c>cases</c> seeded cases, each
/// compared with every independent implementation that covers it. Throws <see cref="OracleUnavailableException"/>
/// when an independent implementation cannot run: a comparison never silently shrinks to ours against ours.
/// </summary>
public static class DifferentialComparison
{
    public static IReadOnlyList<PrimitiveResult> Run(int cases, int seed, IReadOnlyCollection<string>? only = null, string? checker = null,
        int openSslCases = int.MaxValue)
    {
        checker ??= PythonBatch.LocateChecker();
        var unknown = only?.Where(name => !Primitives.All.ContainsKey(name)).ToList() ?? [];
        if (unknown.Count > 0)
            throw new ArgumentException($"unknown primitive '{unknown[0]}'; known: {string.Join(", ", Primitives.All.Keys)}");
        var results = new List<PrimitiveResult>();
        foreach (var (name, generate) in Primitives.All)
        {
            if (only is { Count: > 0 } && !only.Contains(name)) continue;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var run = new DifferentialRun(name, seed, checker, openSslCases);
            generate(run, cases);
            run.RunBatches();
            results.Add(run.Result(cases, clock.Elapsed));
        }
        return results;
    }
}
