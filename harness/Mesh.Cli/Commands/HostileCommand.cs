using System.CommandLine;
using Mesh.Conformance.Hostile;
using Mesh.Conformance.Targets;
using Mesh.Service;

namespace Mesh.Cli.Commands;

/// <summary>
/// <c>hostile</c>: the hostile-input suite (docs/service.md, "Hostile input") against the embedded reference service in
/// both encapsulations, or against any service with <c>--target</c>. Exit 0 when every request held, 1 when one broke a
/// check, 2 when the suite could not run (an unreachable target, bad options).
/// </summary>
public static class HostileCommand
{
    public static Command Create()
    {
        var target = UrlOption.Create("--target", "A service to attack, by URL; without it the embedded reference service");
        var domain = new Option<string>("--account-domain") { Description = "Domain of the runner's own account", DefaultValueFactory = _ => "example.com" };
        var encapsulation = new Option<string>("--encapsulation") { Description = "none, dare, or both (default: both for the embedded service, none for a target)" };
        var seed = SeedOption.Number("Seed of the generator: the same seed sends the same requests");
        var count = new Option<int>("--count") { Description = "Requests per encapsulation", DefaultValueFactory = _ => 600 };
        var report = new Option<string?>("--report") { Description = "Write report.json (every request, its answer and the checks it broke) into this folder" };
        var command = new Command("hostile", "Send seeded hostile requests; check no 5xx, an answer within 5 s, a tagged body, no state changed by a refusal")
        {
            target, domain, encapsulation, seed, count, report,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var url = parse.GetValue(target);
            var modes = (parse.GetValue(encapsulation) ?? (url is null ? "both" : "none")) switch
            {
                "both" => new[] { "none", "dare" },
                "none" => ["none"],
                "dare" => ["dare"],
                var other => null,
            };
            if (modes is null || parse.GetValue(count) < 1)
            {
                Console.Error.WriteLine("hostile: --encapsulation is none, dare or both, and --count at least 1");
                return 2;
            }
            var reports = new List<HostileReport>();
            foreach (var mode in modes)
            {
                try { reports.Add(await Run(url, parse.GetValue(domain)!, mode, parse.GetValue(seed), parse.GetValue(count), cancel)); }
                catch (Exception e) when (e is HttpRequestException or Mesh.Client.MeshClientException or TaskCanceledException && !cancel.IsCancellationRequested)
                {
                    Console.Error.WriteLine($"hostile: could not run against {url?.ToString() ?? "the embedded service"} ({mode}): {e.Message}");
                    return 2;
                }
                Console.WriteLine(HostileRunner.Render(reports[^1]));
            }
            if (parse.GetValue(report) is { } folder)
            {
                HostileRunner.Write(reports, folder);
                Console.WriteLine($"Report: {Path.Combine(folder, "report.json")}");
            }
            return reports.All(r => r.Broken == 0) ? 0 : 1;
        });
        return command;
    }

    static async Task<HostileReport> Run(Uri? url, string domain, string encapsulation, int seed, int count, CancellationToken cancel)
    {
        void Progress(int done, int total)
        {
            if (done % 100 == 0 || done == total) Console.Error.Write($"\r  {encapsulation}: {done}/{total}");
            if (done == total) Console.Error.WriteLine();
        }
        if (url is not null)
        {
            using var handler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5) };
            return await HostileRunner.RunAsync(new HostileTarget(url, domain, handler), encapsulation, seed, count, Progress, cancel);
        }
        await using var embedded = await EmbeddedService.StartAsync(new EmbeddedServiceOptions
        {
            Service = new ServiceOptions { Domains = [domain], DareEncapsulation = encapsulation == "dare" },
        });
        using var local = embedded.Host.CreateHandler();
        return await HostileRunner.RunAsync(new HostileTarget(embedded.Host.ServiceUri!, domain, local, embedded.Store.Fingerprint), encapsulation, seed, count, Progress, cancel);
    }
}
