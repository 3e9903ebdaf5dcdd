using System.Diagnostics;
using Mesh.Conformance.Vectors;

namespace Mesh.Conformance.Tests.Targets;

/// <summary>
/// The mesh-conformance .NET tool, packed from this build and installed into a temporary tool path, serves the
/// reference service and judges it from a folder outside the checkout: what a CI pipeline or an implementer does.
/// </summary>
public sealed class ToolPackageTests
{
#if DEBUG
    const string Configuration = "Debug";
#else
    const string Configuration = "Release";
#endif

    [Fact]
    public async Task The_packed_tool_serves_and_judges_with_no_checkout()
    {
        var root = Repository.Root ?? throw new InvalidOperationException("tests run inside the checkout");
        var scratch = Directory.CreateTempSubdirectory("mesh-tool-").FullName;
        try
        {
            var (packed, packOutput) = await RunAsync(scratch, "dotnet", "pack", Path.Combine(root, "harness", "Mesh.Cli", "Mesh.Cli.csproj"),
                "-c", Configuration, "--no-build", "-o", Path.Combine(scratch, "package"));
            Assert.True(packed == 0, packOutput);
            var (installed, installOutput) = await RunAsync(scratch, "dotnet", "tool", "install", "mesh-conformance",
                "--tool-path", Path.Combine(scratch, "tools"), "--add-source", Path.Combine(scratch, "package"));
            Assert.True(installed == 0, installOutput);
            var tool = Path.Combine(scratch, "tools", "mesh-conformance");

            using var serve = Process.Start(new ProcessStartInfo(tool, ["serve"]) { WorkingDirectory = scratch, RedirectStandardOutput = true, RedirectStandardError = true })!;
            try
            {
                var url = await ListeningUrlAsync(serve);
                var report = Path.Combine(scratch, "report");
                var (judged, runOutput) = await RunAsync(scratch, tool, "run", "--target", url, "--account-domain", "example.com",
                    "--case", "hello-offers-version-3", "--report", report);
                Assert.True(judged == 0, runOutput);
                Assert.Contains("1 passed, 0 failed", runOutput);
                Assert.True(File.Exists(Path.Combine(report, "junit.xml")), runOutput);
            }
            finally { serve.Kill(entireProcessTree: true); }

            // The embedded run compares the recorded vectors the tool carries.
            var (embedded, embeddedOutput) = await RunAsync(scratch, tool, "run", "--case", "dare-connect-flow", "--report", Path.Combine(scratch, "embedded"));
            Assert.True(embedded == 0, embeddedOutput);
            Assert.Contains("1 passed, 0 failed", embeddedOutput);
        }
        finally { Directory.Delete(scratch, recursive: true); }
    }

    /// <summary>The address <c>serve</c> prints on its "listening" line.</summary>
    static async Task<string> ListeningUrlAsync(Process serve)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await serve.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Trim().StartsWith("listening ", StringComparison.Ordinal)) return line.Trim()["listening ".Length..].Trim();
        }
        throw new InvalidOperationException($"serve did not start: {await serve.StandardError.ReadToEndAsync()}");
    }

    static async Task<(int Exit, string Output)> RunAsync(string folder, string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program, arguments) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["SPECFLOW_TELEMETRY_ENABLED"] = "0";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}
