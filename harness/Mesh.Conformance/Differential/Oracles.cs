using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace Mesh.Conformance.Differential;

/// <summary>An independent implementation could not be run at all (python3 or openssl missing, the checker not found).</summary>
public sealed class OracleUnavailableException(string message) : Exception(message);

/// <summary>
/// The Python oracle: <c>oracle.py</c> (embedded in this assembly) imports the functions of the project-independent
/// checker <c>verify_vectors.py</c> and the 'cryptography' package. A batch is one process: one JSON request
/// per line in, one JSON answer per line out.
/// </summary>
public sealed class PythonBatch(string checker)
{
    /// <summary>The checker's path, or why it cannot be found.</summary>
    public static string LocateChecker() => Processes.FindChecker() ?? throw new OracleUnavailableException(
        "the independent checker verify_vectors.py was not found: set MESH_REFERENCE_VECTORS, or place shared/reference-vectors/ beside the checkout");

    readonly List<(JsonObject Request, Action<JsonObject> OnAnswer)> cases = [];

    public void Add(JsonObject request, Action<JsonObject> onAnswer) => cases.Add((request, onAnswer));

    public void Run()
    {
        if (cases.Count == 0) return;
        // A folder per batch: batches may run side by side in one process, and nothing is left behind.
        var folder = Directory.CreateTempSubdirectory("mesh-oracle-").FullName;
        try
        {
            var script = Path.Combine(folder, "oracle.py");
            using (var resource = typeof(PythonBatch).Assembly.GetManifestResourceStream("Mesh.Conformance.Differential.oracle.py")!)
            using (var file = File.Create(script))
                resource.CopyTo(file);
            var input = string.Join('\n', cases.Select(c => c.Request.ToJsonString())) + "\n";
            var lines = Processes.Run("python3", [script, checker], input, "the Python oracle").Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (lines.Length != cases.Count)
                throw new OracleUnavailableException($"the Python oracle answered {lines.Length} of {cases.Count} cases");
            for (var i = 0; i < cases.Count; i++)
                cases[i].OnAnswer(JsonNode.Parse(lines[i])!.AsObject());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
        cases.Clear();
    }
}

/// <summary>
/// The OpenSSL oracle: a batch is one shell script of <c>openssl</c> command lines, each reading its inputs from
/// files and writing its output to a file; a failed command leaves no output file (null answer). OpenSSL 3
/// has no batch mode, so each case is one short process: <paramref name="limit"/> caps the cases a primitive
/// sends, and <see cref="Sent"/> says how many it did.
/// </summary>
public sealed class OpenSslBatch(int limit = int.MaxValue)
{
    readonly List<(string[] Arguments, Dictionary<string, byte[]> Files, Action<byte[]?> OnAnswer)> cases = [];

    public int Sent { get; private set; }

    /// <summary><paramref name="arguments"/> name input files as <c>{name}</c> and the output as <c>{out}</c>.</summary>
    public void Add(string[] arguments, Dictionary<string, byte[]> files, Action<byte[]?> onAnswer)
    {
        if (Sent >= limit) return;
        Sent++;
        cases.Add((arguments, files, onAnswer));
    }

    public void Run()
    {
        if (cases.Count == 0) return;
        var folder = Directory.CreateTempSubdirectory("mesh-openssl-").FullName;
        try
        {
            var script = new StringBuilder();
            for (var i = 0; i < cases.Count; i++)
            {
                var (arguments, files, _) = cases[i];
                foreach (var (name, data) in files) File.WriteAllBytes(Path.Combine(folder, $"{i}.{name}"), data);
                var line = arguments.Select(a => files.Keys.Aggregate(a.Replace("{out}", $"{i}.out"), (s, name) => s.Replace("{" + name + "}", $"{i}.{name}")));
                script.Append("openssl ").AppendJoin(' ', line).Append($" 2>/dev/null || rm -f {i}.out\n");
            }
            File.WriteAllText(Path.Combine(folder, "batch.sh"), script.ToString());
            Processes.Run("sh", ["batch.sh"], "", "openssl", folder);
            for (var i = 0; i < cases.Count; i++)
            {
                var output = Path.Combine(folder, $"{i}.out");
                cases[i].OnAnswer(File.Exists(output) ? File.ReadAllBytes(output) : null);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
            cases.Clear();
        }
    }
}

static class Processes
{
    public static string Run(string program, string[] arguments, string input, string what, string? folder = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        Process process;
        try { process = Process.Start(start)!; }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new OracleUnavailableException($"{what} cannot run: '{program}' is not on PATH ({e.Message})");
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardInput.Write(input);
            process.StandardInput.Close();
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new OracleUnavailableException($"{what} failed (exit {process.ExitCode}): {stderr.Result.Trim()}");
            return stdout.Result;
        }
    }

    /// <summary>The checker beside the vectors: <c>MESH_REFERENCE_VECTORS</c>/../tools, or ../shared beside the checkout.</summary>
    public static string? FindChecker()
    {
        var configured = Environment.GetEnvironmentVariable("MESH_REFERENCE_VECTORS");
        var candidates = new List<string>();
        if (!string.IsNullOrEmpty(configured))
        {
            candidates.Add(Path.Combine(configured, "tools", "verify_vectors.py"));
            candidates.Add(Path.Combine(configured, "..", "tools", "verify_vectors.py"));
        }
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "MeshConformance.sln")) && dir.Parent is not null)
                    candidates.Add(Path.Combine(dir.Parent.FullName, "shared", "reference-vectors", "tools", "verify_vectors.py"));
            }
        }
        return candidates.Where(File.Exists).Select(Path.GetFullPath).FirstOrDefault();
    }
}
