using System.Diagnostics;
using System.Text;
using Mesh.Conformance.Drivers;
using Mesh.Conformance.Scenarios;
using Mesh.Conformance.Targets;
using Mesh.Conformance.Vectors;

namespace Mesh.Conformance.Runner;

/// <summary>What to run: a profile (or all), a case, tags, whether DARE encapsulation scenarios run, vector handling.</summary>
public sealed record RunOptions
{
    public string? Profile { get; init; }
    public string? Case { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public bool Encapsulation { get; init; } = true;
    public VectorMode Vectors { get; init; } = VectorMode.Compare;
    public bool Coverage { get; init; }
    public string ReportFolder { get; init; } = "conformance-report";
    /// <summary>A catalogue fault for the embedded service to commit; vectors are then not compared, so detection rests on the checks.</summary>
    public string? Fault { get; init; }
    /// <summary>Strict mode: a broken SHOULD is a failure, not a warning.</summary>
    public bool Strict { get; init; }
    /// <summary>A service the harness did not start, or null for the embedded one; vectors are then not compared.</summary>
    public ForeignTarget? Target { get; init; }
    /// <summary>Features run at once; scenarios within a feature run one after another.</summary>
    public int ParallelFeatures { get; init; } = 8;
    /// <summary>Which build of the specs a coverage run instruments: by default the runner's own (Release from run-conformance.sh, Debug from dotnet test).</summary>
    public string Configuration { get; init; } = BuiltConfiguration;

#if DEBUG
    const string BuiltConfiguration = "Debug";
#else
    const string BuiltConfiguration = "Release";
#endif
}

/// <summary>What a run reported: each scenario's result, and what xunit or the test process said besides.</summary>
public sealed record RunOutcome(IReadOnlyList<ScenarioResult> Results, string Output, TimeSpan Duration);

/// <summary>
/// Runs the scenarios: the SpecFlow/xunit tests of <c>tests/Mesh.Conformance.Specs</c>, so that <c>dotnet test</c> and
/// the runner execute the very same steps. By default in this process (<see cref="InProcessSuite"/>); a coverage run
/// hands them to <c>dotnet test</c> with coverlet's collector instead, because coverlet instruments the assemblies
/// before they load, which no process can do to itself.
/// </summary>
public static class SuiteRunner
{
    /// <summary>The specs as built in the checkout, which a coverage run instruments.</summary>
    public static string SpecsAssembly(string configuration = "Release") => Path.Combine(Repository.Root ?? throw new InvalidOperationException(
        "Cannot find the MeshConformance repository (MeshConformance.sln): run from inside the checkout"), "tests", "Mesh.Conformance.Specs", "bin", configuration, "net10.0", "Mesh.Conformance.Specs.dll");

    /// <summary>The catalog entries a run selects.</summary>
    public static IReadOnlyList<CatalogEntry> Select(IReadOnlyList<CatalogEntry> catalog, RunOptions options) => catalog
        .Where(e => options.Profile is null || e.Profile == options.Profile)
        .Where(e => options.Case is null || e.Id == options.Case || e.Key == options.Case)
        .Where(e => options.Tags.Count == 0 || options.Tags.Any(t => e.Tags.Contains(t.TrimStart('@'))))
        .Where(e => options.Encapsulation || !e.Tags.Contains("encapsulation"))
        .ToList();

    /// <summary>The vstest filter for the options (scenario tags are test categories) in a coverage run.</summary>
    public static string Filter(RunOptions options)
    {
        var parts = new List<string>();
        if (options.Case is not null) parts.Add($"Category=id:{options.Case.Split('.')[0]}");
        if (options.Tags.Count > 0) parts.Add("(" + string.Join("|", options.Tags.Select(t => $"Category={t.TrimStart('@')}")) + ")");
        if (!options.Encapsulation) parts.Add("Category!=encapsulation");
        return string.Join("&", parts);
    }

    /// <summary>
    /// Coverlet instruments the assemblies it measures where they lie, so a coverage run works on a copy of the built
    /// suite: other runs of the same build (tests in parallel, another terminal) keep their own files. The copy sits
    /// beside the build, inside the checkout, where the suite finds the repository.
    /// </summary>
    static string CoverageCopy(string assembly)
    {
        var built = Path.GetDirectoryName(assembly)!;
        var copy = $"{built}-coverage-{Environment.ProcessId}";
        if (Directory.Exists(copy)) Directory.Delete(copy, recursive: true);
        foreach (var file in Directory.EnumerateFiles(built, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(copy, Path.GetRelativePath(built, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
        return Path.Combine(copy, Path.GetFileName(assembly));
    }

    /// <summary>The folder of coverlet's data collector in the package cache, as the suite project restored it.</summary>
    static string CoverageCollector()
    {
        var assets = Path.Combine(Repository.Root!, "tests", "Mesh.Conformance.Specs", "obj", "project.assets.json");
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(assets));
        var packages = json.RootElement.GetProperty("packageFolders").EnumerateObject().Select(p => p.Name).ToList();
        var library = json.RootElement.GetProperty("libraries").EnumerateObject()
            .FirstOrDefault(l => l.Name.StartsWith("coverlet.collector/", StringComparison.OrdinalIgnoreCase));
        if (library.Value.ValueKind == System.Text.Json.JsonValueKind.Undefined)
            throw new InvalidOperationException("the suite project does not reference coverlet.collector");
        var folder = packages.Select(root => Path.Combine(root, library.Value.GetProperty("path").GetString()!, "build"))
            .Where(Directory.Exists)
            .SelectMany(build => Directory.EnumerateFiles(build, "coverlet.collector.dll", SearchOption.AllDirectories))
            .Select(Path.GetDirectoryName)
            // The build for this runtime where the package has one (net10.0 beside net8.0 and net9.0).
            .OrderByDescending(d => Path.GetFileName(d) == $"net{Environment.Version.Major}.0").FirstOrDefault();
        return folder ?? throw new InvalidOperationException($"coverlet.collector is not in the package cache ({string.Join(", ", packages)}): run dotnet restore");
    }

    /// <summary>The folder of a report where each scenario of the run leaves its exchanges, under its profile and key.</summary>
    public static string TracesFolder(string report) => Path.Combine(report, "traces");

    /// <summary>The settings the bindings see in a run with these options, reporting to <paramref name="onResult"/>.</summary>
    static SuiteSettings Settings(RunOptions options, string report, Action<ScenarioResult>? onResult, string? resultsFile) => new()
    {
        Profile = options.Profile,
        // A fault or a target puts other bytes on the wire: vectors would differ for reasons of their own.
        Vectors = options.Fault is null && options.Target is null ? options.Vectors : VectorMode.Off,
        Fault = options.Fault,
        Strict = options.Strict,
        Target = options.Target,
        TracesFolder = TracesFolder(report),
        OnResult = onResult,
        ResultsFile = resultsFile,
    };

    /// <summary>Whether the options select a test case: its scenario id, tags and profile (scenario tags and example tags).</summary>
    public static bool Selects(RunOptions options, Xunit.Abstractions.ITestCase test)
    {
        var tags = test.Traits.TryGetValue("Category", out var categories) ? categories.ToList() : [];
        var arguments = test.TestMethodArguments ?? [];
        tags.AddRange(arguments.OfType<string[]>().SelectMany(t => t));
        if (options.Case is { } wanted)
        {
            var (id, row) = wanted.IndexOf('.') is var dot and > 0 ? (wanted[..dot], wanted[(dot + 1)..]) : (wanted, null);
            if (!tags.Contains("id:" + id) || row is not null && !arguments.OfType<string>().Contains(row)) return false;
        }
        if (options.Tags.Count > 0 && !options.Tags.Any(t => tags.Contains(t.TrimStart('@')))) return false;
        if (!options.Encapsulation && tags.Contains("encapsulation")) return false;
        var profiles = tags.Where(t => t.StartsWith("profile:", StringComparison.Ordinal)).Select(t => t["profile:".Length..]).ToList();
        return options.Profile is null || profiles.Count == 0 || profiles.Contains(options.Profile);
    }

    public static async Task<RunOutcome> RunAsync(RunOptions options, Action<ScenarioResult> onResult, CancellationToken cancel = default)
    {
        var report = Path.GetFullPath(options.ReportFolder);
        Directory.CreateDirectory(report);
        // Traces of an earlier run (longer, of other scenarios, of another target) must not pass for this run's.
        var traces = TracesFolder(report);
        if (Directory.Exists(traces)) Directory.Delete(traces, recursive: true);
        if (options.Coverage) return await RunWithCoverageAsync(options, report, onResult, cancel);
        var specs = InProcessSuite.Specs() ?? throw new FileNotFoundException(
            $"The scenarios ({InProcessSuite.SpecsAssemblyName}.dll) are not beside {AppContext.BaseDirectory}: build the CLI, which carries them");
        var results = new List<ScenarioResult>();
        var clock = Stopwatch.StartNew();
        var output = await InProcessSuite.RunAsync(specs, test => Selects(options, test), Settings(options, report, result =>
        {
            lock (results) results.Add(result);
            onResult(result);
        }, resultsFile: null), options.ParallelFeatures, cancel);
        return new RunOutcome(results, output, clock.Elapsed);
    }

    /// <summary>The run under <c>dotnet test</c> with coverlet's collector; its settings travel in a file, its results in a JSON-lines file.</summary>
    static async Task<RunOutcome> RunWithCoverageAsync(RunOptions options, string report, Action<ScenarioResult> onResult, CancellationToken cancel)
    {
        // Results of an earlier run (a coverage file among them) must not pass for this run's.
        if (Directory.Exists(Path.Combine(report, "testresults"))) Directory.Delete(Path.Combine(report, "testresults"), recursive: true);
        var resultsFile = Path.Combine(report, "results.jsonl");
        File.WriteAllText(resultsFile, "");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repository.Root!,
        };
        var assembly = SpecsAssembly(options.Configuration);
        if (!File.Exists(assembly)) throw new FileNotFoundException($"The suite is not built: {assembly} (run-conformance.sh builds it)");
        string[] target = [CoverageCopy(assembly), "--test-adapter-path", CoverageCollector()];
        foreach (var argument in (string[])["test", .. target, "--nologo", "--logger", "trx;LogFileName=suite.trx", "--results-directory", Path.Combine(report, "testresults")])
            start.ArgumentList.Add(argument);
        if (Filter(options) is { Length: > 0 } filter)
        {
            start.ArgumentList.Add("--filter");
            start.ArgumentList.Add(filter);
        }
        start.ArgumentList.Add("--collect");
        start.ArgumentList.Add("XPlat Code Coverage");
        var settingsFile = Path.Combine(report, "suite-settings.json");
        Settings(options, report, onResult: null, resultsFile).WriteTo(settingsFile);
        start.Environment[SuiteSettings.FileVariable] = settingsFile;
        start.Environment["SPECFLOW_TELEMETRY_ENABLED"] = "0";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancel);
        var errors = process.StandardError.ReadToEndAsync(cancel);
        var results = new List<ScenarioResult>();
        long read = 0;
        void Drain()
        {
            using var file = new FileStream(resultsFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            file.Seek(read, SeekOrigin.Begin);
            using var reader = new StreamReader(file);
            var text = reader.ReadToEnd();
            var complete = text.LastIndexOf('\n') + 1;
            read += Encoding.UTF8.GetByteCount(text[..complete]);
            foreach (var line in text[..complete].Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var result = ScenarioResult.FromJsonLine(line);
                results.Add(result);
                onResult(result);
            }
        }
        while (!process.HasExited)
        {
            Drain();
            await Task.Delay(100, cancel);
        }
        await process.WaitForExitAsync(cancel);
        Directory.Delete(Path.GetDirectoryName(target[0])!, recursive: true);
        Drain();
        return new RunOutcome(results, await output + await errors, clock.Elapsed);
    }
}
