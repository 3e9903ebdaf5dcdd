using System.CommandLine;
using Mesh.Conformance.Hostile;

namespace Mesh.Cli.Commands;

/// <summary>
/// <c>crash</c>: kills <c>serve</c> with SIGKILL under concurrent writers, restarts it on the same store and checks that
/// no acknowledged entry is lost and no request is half applied (docs/service.md, "Crash safety"); with <c>--soak N</c>,
/// then prints the serve process's RSS around N Status requests and N one-entry Uploads. Exit 0 when everything held,
/// 1 when an entry was lost or a request half applied, 2 when the service could not be run.
/// </summary>
public static class CrashCommand
{
    public static Command Create()
    {
        var cycles = new Option<int>("--cycles") { Description = "Kills and restarts", DefaultValueFactory = _ => 20 };
        var writers = new Option<int>("--writers") { Description = "Concurrent writers", DefaultValueFactory = _ => 4 };
        var seed = SeedOption.Number("Seed of the writers and of the moments of the kills");
        var store = new Option<string?>("--store") { Description = "The store folder (default: a new temporary one, removed after)" };
        var soak = new Option<int>("--soak") { Description = "After the cycles: N Status requests then N one-entry Uploads, with the RSS of serve around each (0: none)" };
        var command = new Command("crash", "SIGKILL serve under concurrent writers; after each restart every acknowledged entry must be there and no request half applied")
        {
            cycles, writers, seed, store, soak,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var folder = parse.GetValue(store) ?? Path.Combine(Path.GetTempPath(), "mesh-crash-" + Guid.NewGuid().ToString("N"));
            var options = new CrashOptions(
                [Environment.ProcessPath!, typeof(CrashCommand).Assembly.Location, "serve"],
                folder, parse.GetValue(cycles), parse.GetValue(seed), parse.GetValue(writers), parse.GetValue(soak));
            CrashReport report;
            try { report = await CrashRun.RunAsync(options, Console.WriteLine, cancel); }
            catch (Exception e) when (e is InvalidOperationException or Mesh.Client.MeshClientException)
            {
                Console.Error.WriteLine($"crash: {e.Message}");
                return 2;
            }
            finally
            {
                if (parse.GetValue(store) is null && Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            }
            var last = report.Cycles.LastOrDefault();
            Console.WriteLine($"{report.Cycles.Count} kills, {last?.AcknowledgedTotal ?? 0} entries acknowledged, {report.Cycles.Sum(c => c.InDoubt)} requests in doubt at a kill: " +
                $"{report.Lost} acknowledged entries lost, {report.HalfApplied} requests half applied, {report.Refused} requests refused");
            if (report.Soak is { } s)
                Console.WriteLine($"soak: RSS {s.StartKiB / 1024.0:F1} MiB at start, {s.AfterStatusKiB / 1024.0:F1} MiB after {s.Requests} Status ({(s.AfterStatusKiB - s.StartKiB) / 1024.0:+0.0;-0.0} MiB), " +
                    $"{s.AfterUploadKiB / 1024.0:F1} MiB after {s.Requests} one-entry Uploads: {s.BytesPerEntry:F0} bytes per stored entry");
            return report.Held ? 0 : 1;
        });
        return command;
    }
}
