using System.CommandLine;
using System.Globalization;
using Mesh.Conformance.Load;
using Spectre.Console;

namespace Mesh.Cli.Commands;

/// <summary><c>bench</c>: round trips per second against the embedded service, beside an echo baseline measured in the same run.</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var seconds = new Option<double>("--seconds") { Description = "Seconds per measurement", DefaultValueFactory = _ => 3 };
        var concurrency = new Option<int>("--concurrency") { Description = "Requests in flight at once", DefaultValueFactory = _ => 4 };
        var encapsulation = new Option<bool>("--encapsulation") { Description = "Measure Status with DARE encapsulation (signatures, tickets) as ratios to bare JSON instead" };
        var scale = new Option<string?>("--scale") { Description = "Instead, simulate populations of these many devices (ten per account, ten entries each), e.g. 1000,10000: time, its growth, and store memory per account and per entry; with --encapsulation, under DARE" };
        var command = new Command("bench", "Hello, Status and Upload round trips per second over loopback HTTP and in process, as ratios to a bare echo endpoint")
        {
            seconds,
            concurrency,
            encapsulation,
            scale,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var options = new LoadOptions(TimeSpan.FromSeconds(parse.GetValue(seconds)), Math.Max(1, parse.GetValue(concurrency)));
            if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 160; // keep table rows on one line in logs
            if (parse.GetValue(scale) is { } sizes) return await Scale(sizes, options.Concurrency, parse.GetValue(encapsulation));
            void Progress(string step) => AnsiConsole.MarkupLine($"[grey]measuring {Markup.Escape(step)}…[/]");
            var dare = parse.GetValue(encapsulation);
            var figures = dare ? await LoadBench.EncapsulationAsync(options, Progress) : await LoadBench.RunAsync(options, Progress);
            var verify = dare ? [] : await LoadBench.Ed448VerifyAsync(options, Progress);
            var table = new Table().AddColumns("transaction", "transport", "request bytes", "per second", dare ? "bare JSON per second" : "echo baseline per second", "ratio");
            foreach (var f in figures)
            {
                table.AddRow(f.Transaction, f.Transport, f.RequestBytes.ToString(CultureInfo.InvariantCulture),
                    f.PerSecond.ToString("0", CultureInfo.InvariantCulture), f.BaselinePerSecond.ToString("0", CultureInfo.InvariantCulture),
                    f.Ratio.ToString("0.00", CultureInfo.InvariantCulture));
            }
            AnsiConsole.Write(table);
            if (verify.Count > 0)
            {
                // A ratio carries from machine to machine where a rate does not; a service that checked every entry's signature would stay below 1.
                var ratios = new Table().AddColumns(["Upload over", "per second", .. verify.Select(v => $"÷ Ed448 verify/s on {v.Workers} thread{(v.Workers == 1 ? "" : "s")}: {v.PerSecond:0}")]);
                foreach (var f in figures.Where(f => f.Transaction.StartsWith("Upload", StringComparison.Ordinal)))
                    ratios.AddRow([f.Transport, f.PerSecond.ToString("0", CultureInfo.InvariantCulture), .. verify.Select(v => (f.PerSecond / v.PerSecond).ToString("0.000", CultureInfo.InvariantCulture))]);
                AnsiConsole.Write(ratios);
            }
            AnsiConsole.MarkupLine($"[grey]{options.Concurrency} in flight, {options.Duration.TotalSeconds:0.#} s each, {Environment.ProcessorCount} cores[/]");
            return 0;
        });
        return command;
    }

    static async Task<int> Scale(string sizes, int concurrency, bool encapsulation)
    {
        var devices = new List<int>();
        foreach (var size in sizes.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(size, CultureInfo.InvariantCulture, out var n) || n < ScaleBench.DevicesPerAccount)
            {
                Console.Error.WriteLine($"bench: --scale takes device counts of at least {ScaleBench.DevicesPerAccount}, separated by commas, not '{size}'");
                return 2;
            }
            devices.Add(n);
        }
        var figures = new List<ScaleFigure>();
        foreach (var n in devices)
        {
            AnsiConsole.MarkupLine($"[grey]simulating {n} devices…[/]");
            var reported = 0;
            figures.Add(await ScaleBench.RunAsync(n, concurrency, encapsulation, (done, all) =>
            {
                if (done * 10 / all <= reported) return;
                reported = done * 10 / all;
                AnsiConsole.MarkupLine($"[grey]  {done}/{all} steps[/]");
            }));
        }
        var table = new Table().AddColumns("devices", "accounts", "entries held", "transactions", "seconds", "devices per second", "store bytes per account", "store bytes per entry", "invariants");
        foreach (var f in figures)
        {
            table.AddRow(f.Devices.ToString(CultureInfo.InvariantCulture), f.Accounts.ToString(CultureInfo.InvariantCulture), f.Entries.ToString(CultureInfo.InvariantCulture),
                f.Transactions.ToString(CultureInfo.InvariantCulture), f.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture),
                f.DevicesPerSecond.ToString("0", CultureInfo.InvariantCulture), f.BytesPerAccount.ToString(CultureInfo.InvariantCulture),
                f.BytesPerEntry.ToString(CultureInfo.InvariantCulture), f.Held ? "held" : "[red]broken[/]");
        }
        AnsiConsole.Write(table);
        for (var i = 1; i < figures.Count; i++)
        {
            var (small, large) = (figures[i - 1], figures[i]);
            var size = (double)large.Devices / small.Devices;
            var time = large.Elapsed.TotalSeconds / small.Elapsed.TotalSeconds;
            AnsiConsole.MarkupLine($"{small.Devices} → {large.Devices} devices (×{size:0.#}): time ×{time:0.00}, against ×{size:0.#} for linear growth ({time / size:0.00} of linear)");
        }
        AnsiConsole.MarkupLine($"[grey]{(encapsulation ? "DARE encapsulation" : "bare JSON")} over loopback HTTP, memory store, {concurrency} steps in flight, {Environment.ProcessorCount} cores[/]");
        return figures.All(f => f.Held) ? 0 : 1;
    }
}
