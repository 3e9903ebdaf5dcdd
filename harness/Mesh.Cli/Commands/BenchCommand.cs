using System.CommandLine;
using System.Globalization;
using Mesh.Conformance.Load;
using Spectre.Console;

namespace Mesh.Cli.Commands;

/// <summary><c>bench</c>: the embedded service's rates as ratios to baselines measured in the same run; its cost as data grows; its memory over a soak.</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var seconds = new Option<double>("--seconds") { Description = "Seconds per measurement window", DefaultValueFactory = _ => 1 };
        var rounds = new Option<int>("--rounds") { Description = "Rounds kept (each a window of the case and one of its baseline), after one of warm-up", DefaultValueFactory = _ => 5 };
        var concurrency = new Option<int>("--concurrency") { Description = "Requests in flight at once", DefaultValueFactory = _ => 4 };
        var encapsulation = new Option<bool>("--encapsulation") { Description = "Measure Status with DARE encapsulation (signatures, tickets) as ratios to its crypto and to bare JSON instead" };
        var scale = new Option<string?>("--scale")
        {
            Description = "Alone: per-request cost of Status, Download and Upload as entries and accounts grow (--entries, --accounts). With device counts, e.g. 1000,10000: simulate populations of that many devices (ten per account, ten entries each); with --encapsulation, under DARE",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var entries = new Option<string>("--entries") { Description = "With --scale: entries in the account asked about", DefaultValueFactory = _ => "1000,10000,100000" };
        var accounts = new Option<string>("--accounts") { Description = "With --scale: accounts the service holds", DefaultValueFactory = _ => "10,1000,100000" };
        var store = new Option<string>("--store") { Description = "With --scale: memory, or file (the durable store, in a temporary folder)", DefaultValueFactory = _ => "memory" };
        store.AcceptOnlyFromAmong("memory", "file");
        var soak = new Option<double?>("--soak") { Description = "Instead, a bounded load of this many minutes against the embedded service, printing memory every minute" };
        var command = new Command("bench", "Hello, Status, Download and Upload per second over loopback HTTP and in process, as ratios to a bare endpoint answering the same bytes, windows interleaved")
        {
            seconds,
            rounds,
            concurrency,
            encapsulation,
            scale,
            entries,
            accounts,
            store,
            soak,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var options = new LoadOptions(TimeSpan.FromSeconds(parse.GetValue(seconds)), Math.Max(1, parse.GetValue(concurrency)), Math.Max(1, parse.GetValue(rounds)));
            if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 180; // keep table rows on one line in logs
            void Progress(string step) => AnsiConsole.MarkupLine($"[grey]measuring {Markup.Escape(step)}…[/]");
            if (parse.GetValue(soak) is { } minutes) return await Soak(minutes, options.Concurrency, cancel);
            if (parse.GetResult(scale) is not null)
            {
                return parse.GetValue(scale) is { } devices
                    ? await Scale(devices, options.Concurrency, parse.GetValue(encapsulation))
                    : await FlatCost(parse.GetValue(entries)!, parse.GetValue(accounts)!, parse.GetValue(store) == "file", options, Progress);
            }
            if (parse.GetValue(encapsulation))
            {
                var (dare, primitives) = await LoadBench.EncapsulationAsync(options, Progress);
                AnsiConsole.Write(RatioTable(dare, "baseline per second"));
                AnsiConsole.MarkupLine(string.Join(", ", primitives.Select(p => $"{p.What} {p.PerSecond:0}/s")) + $" on {options.Concurrency} workers, measured after the rounds");
            }
            else AnsiConsole.Write(RatioTable(await LoadBench.RunAsync(options, Progress), "bare endpoint per second"));
            AnsiConsole.MarkupLine($"[grey]{options.Concurrency} in flight, {options.Rounds} rounds of {options.Window.TotalSeconds:0.#} s windows (median ratio, lowest–highest), {Environment.ProcessorCount} cores[/]");
            return 0;
        });
        return command;
    }

    static Table RatioTable(IEnumerable<LoadFigure> figures, string baseline)
    {
        var table = new Table().AddColumns("case", "transport", "request bytes", "per second", baseline, "ratio", "spread");
        foreach (var f in figures)
        {
            table.AddRow(Markup.Escape(f.Transaction), f.Transport, Number(f.RequestBytes), f.PerSecond.ToString("0", CultureInfo.InvariantCulture),
                f.BaselinePerSecond.ToString("0", CultureInfo.InvariantCulture), f.Ratio.ToString("0.00", CultureInfo.InvariantCulture),
                $"{f.RatioMin.ToString("0.00", CultureInfo.InvariantCulture)}–{f.RatioMax.ToString("0.00", CultureInfo.InvariantCulture)}");
        }
        return table;
    }

    static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    static bool TryParseSizes(string text, string option, int minimum, out List<int> sizes)
    {
        sizes = [];
        foreach (var size in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(size, CultureInfo.InvariantCulture, out var n) || n < minimum)
            {
                Console.Error.WriteLine($"bench: {option} takes counts of at least {minimum}, separated by commas, not '{size}'");
                return false;
            }
            sizes.Add(n);
        }
        return sizes.Count > 0;
    }

    static async Task<int> FlatCost(string entrySizes, string accountSizes, bool fileStore, LoadOptions options, Action<string> progress)
    {
        if (!TryParseSizes(entrySizes, "--entries", 10, out var entries) || !TryParseSizes(accountSizes, "--accounts", 1, out var accounts)) return 2;
        var (byEntries, memory) = await FlatCostBench.EntriesAsync(entries, options, progress, fileStore);
        var byAccounts = await FlatCostBench.AccountsAsync(accounts, options, progress, fileStore);
        var table = new Table().AddColumns("as it grows", "size", "transaction", "µs per request", "ratio to the smallest size", "spread");
        foreach (var f in byEntries.Concat(byAccounts).OrderBy(f => f.Dimension, StringComparer.Ordinal).ThenBy(f => f.Transaction, StringComparer.Ordinal).ThenBy(f => f.Size))
        {
            table.AddRow(f.Dimension, Number(f.Size), f.Transaction, f.Cost.ToString("0", CultureInfo.InvariantCulture), f.Ratio.ToString("0.00", CultureInfo.InvariantCulture),
                $"{f.RatioMin.ToString("0.00", CultureInfo.InvariantCulture)}–{f.RatioMax.ToString("0.00", CultureInfo.InvariantCulture)}");
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"memory per stored entry ({Number(memory.Entries)} entries): {Number(memory.HeapPerEntry)} bytes of managed heap, of which {Number(memory.OwnBytes)} its own bytes (payload, digest, signature): {Number(memory.BeyondItsBytes)} beyond them");
        AnsiConsole.MarkupLine($"[grey]{(fileStore ? "file store" : "memory store")}, loopback HTTP, one request at a time, {options.Rounds} rounds of {options.Window.TotalSeconds:0.#} s windows per size, sizes taking turns, {Environment.ProcessorCount} cores[/]");
        return 0;
    }

    static async Task<int> Soak(double minutes, int concurrency, CancellationToken cancel)
    {
        if (minutes <= 0)
        {
            Console.Error.WriteLine("bench: --soak takes a positive number of minutes");
            return 2;
        }
        AnsiConsole.MarkupLine($"[grey]soak: {minutes:0.#} min, {concurrency} workers, each cycling create / upload 10 / Status / Download / delete on its own account[/]");
        var figures = await SoakBench.RunAsync(TimeSpan.FromMinutes(minutes), concurrency, m =>
            AnsiConsole.MarkupLine($"minute {m.Minute}: RSS {m.ResidentBytes / 1048576.0:0.0} MiB, managed heap {m.ManagedBytes / 1048576.0:0.0} MiB, {Number(m.Requests)} requests, {Number(m.RememberedBodies)} bodies remembered"), cancel);
        if (figures.Count >= 2)
        {
            var (first, last) = (figures[0], figures[^1]);
            AnsiConsole.MarkupLine($"RSS first minute {first.ResidentBytes / 1048576.0:0.0} MiB, last {last.ResidentBytes / 1048576.0:0.0} MiB: ×{(double)last.ResidentBytes / first.ResidentBytes:0.00}");
        }
        return 0;
    }

    static async Task<int> Scale(string sizes, int concurrency, bool encapsulation)
    {
        if (!TryParseSizes(sizes, "--scale", ScaleBench.DevicesPerAccount, out var devices)) return 2;
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
