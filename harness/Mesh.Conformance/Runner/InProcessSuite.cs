using System.Reflection;
using System.Text;
using Mesh.Conformance.Drivers;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Mesh.Conformance.Runner;

/// <summary>
/// Runs the scenarios of the specs assembly in this process, through the xunit test framework the assembly names
/// (SpecFlow's, which opens and closes its test run around the assembly), exactly as <c>dotnet test</c> runs them but
/// with no vstest process between: discovery, a selection of test cases, and execution with features in parallel.
/// </summary>
public static class InProcessSuite
{
    public const string SpecsAssemblyName = "Mesh.Conformance.Specs";

    /// <summary>SpecFlow keeps one test run per assembly and process: runs in the same process take turns.</summary>
    static readonly SemaphoreSlim Turn = new(1, 1);

    /// <summary>The specs assembly, which the CLI and the tests carry as a reference, or null where it is not beside them.</summary>
    public static Assembly? Specs()
    {
        try { return Assembly.Load(new AssemblyName(SpecsAssemblyName)); }
        catch (FileNotFoundException) { return null; }
    }

    /// <summary>
    /// Runs the selected test cases with <paramref name="settings"/> as the bindings' <see cref="SuiteSettings.Current"/>.
    /// Returns what xunit said of failures and diagnostics (the verdicts arrive through <see cref="SuiteSettings.OnResult"/>).
    /// </summary>
    public static async Task<string> RunAsync(Assembly specs, Func<ITestCase, bool> selected, SuiteSettings settings,
        int parallelFeatures, CancellationToken cancel)
    {
        await Turn.WaitAsync(cancel);
        WithoutToolOutput.Install();
        // SpecFlow reports each test run home unless told not to; run-conformance.sh says so too.
        if (Environment.GetEnvironmentVariable("SPECFLOW_TELEMETRY_ENABLED") is null) Environment.SetEnvironmentVariable("SPECFLOW_TELEMETRY_ENABLED", "0");
        // SpecFlow waits for asynchronous steps on the thread that runs them, so each feature in flight holds a pool
        // thread while its service and DNS server need others: without enough of them ready, answers stall for seconds.
        ThreadPool.GetMinThreads(out var workers, out var completions);
        ThreadPool.SetMinThreads(Math.Max(workers, 4 * parallelFeatures), completions);
        var previous = SuiteSettings.Current;
        // xunit's threads run in this flow's execution context: the bindings see these settings, nothing else does.
        SuiteSettings.Current = settings;
        try
        {
            var diagnostics = new Sink(cancel);
            using var framework = Framework(specs, diagnostics);
            var discovery = new Sink(cancel);
            using (var discoverer = framework.GetDiscoverer(Reflector.Wrap(specs)))
            {
                discoverer.Find(includeSourceInformation: false, discovery, new Options());
                await discovery.Finished.WaitAsync(cancel);
            }
            var cases = discovery.Cases.Where(selected).ToList();
            var execution = new Sink(cancel);
            using (var executor = framework.GetExecutor(specs.GetName()))
            {
                executor.RunTests(cases, execution, new Options
                {
                    ["xunit.execution.DisableParallelization"] = parallelFeatures <= 1,
                    ["xunit.execution.MaxParallelThreads"] = Math.Max(1, parallelFeatures),
                });
                await execution.Finished.WaitAsync(cancel);
            }
            return diagnostics.Output + discovery.Output + execution.Output;
        }
        finally
        {
            SuiteSettings.Current = previous;
            Turn.Release();
        }
    }

    /// <summary>
    /// Standard output without the lines SpecFlow writes there as each test run starts ("-> Loading plugin …", "-> Using
    /// specflow.json"), which cannot be switched off and would stand between a run's progress lines. Anything else
    /// passes unchanged.
    /// </summary>
    sealed class WithoutToolOutput(TextWriter inner) : TextWriter
    {
        static readonly string[] ToolLines = ["-> Loading plugin ", "-> Using specflow.json", "-> Using default config"];
        static int installed;

        public static void Install()
        {
            if (Interlocked.Exchange(ref installed, 1) == 0) Console.SetOut(new WithoutToolOutput(Console.Out));
        }

        public override System.Text.Encoding Encoding => inner.Encoding;
        public override void Write(char value) => inner.Write(value);
        public override void Write(string? value) => inner.Write(value);
        public override void WriteLine(string? value)
        {
            if (value is not null && ToolLines.Any(value.StartsWith)) return;
            inner.WriteLine(value);
        }
        public override void Flush() => inner.Flush();
    }

    /// <summary>The test framework the assembly's <c>[assembly: TestFramework]</c> names, else xunit's own.</summary>
    static ITestFramework Framework(Assembly specs, IMessageSink diagnostics)
    {
        var named = specs.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType == typeof(Xunit.TestFrameworkAttribute));
        if (named is null) return new XunitTestFramework(diagnostics);
        var type = Type.GetType($"{named.ConstructorArguments[0].Value}, {named.ConstructorArguments[1].Value}", throwOnError: true)!;
        return (ITestFramework)Activator.CreateInstance(type, diagnostics)!;
    }

    /// <summary>Discovery and execution options by name, as xunit reads them (a name not set reads as its default).</summary>
    sealed class Options : Dictionary<string, object?>, ITestFrameworkDiscoveryOptions, ITestFrameworkExecutionOptions
    {
        public TValue GetValue<TValue>(string name) => TryGetValue(name, out var value) && value is TValue typed ? typed : default!;
        public void SetValue<TValue>(string name, TValue value) => this[name] = value;
    }

    /// <summary>Collects discovered cases and failures, and says when discovery or execution is over; cancelling stops the run.</summary>
    sealed class Sink(CancellationToken cancel) : IMessageSink
    {
        readonly TaskCompletionSource finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
        readonly StringBuilder output = new();

        public List<ITestCase> Cases { get; } = [];
        public Task Finished => finished.Task;
        public string Output { get { lock (output) return output.ToString(); } }

        public bool OnMessage(IMessageSinkMessage message)
        {
            switch (message)
            {
                case ITestCaseDiscoveryMessage discovered:
                    lock (Cases) Cases.Add(discovered.TestCase);
                    break;
                case ITestFailed failed:
                    lock (output) output.AppendLine($"{failed.Test.DisplayName}: {string.Join(" ", failed.Messages)}");
                    break;
                case IFailureInformation failure:
                    lock (output) output.AppendLine($"{string.Join(" ", failure.ExceptionTypes)}: {string.Join(" ", failure.Messages)}\n{string.Join("\n", failure.StackTraces)}");
                    break;
                case IDiagnosticMessage diagnostic:
                    lock (output) output.AppendLine(diagnostic.Message);
                    break;
                case IDiscoveryCompleteMessage or ITestAssemblyFinished:
                    finished.TrySetResult();
                    break;
            }
            return !cancel.IsCancellationRequested;
        }
    }
}
