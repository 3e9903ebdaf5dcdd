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
        var command = new Command("bench", "Hello, Status and Upload round trips per second over loopback HTTP and in process, as ratios to a bare echo endpoint")
        {
            seconds,
            concurrency,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var options = new LoadOptions(TimeSpan.FromSeconds(parse.GetValue(seconds)), Math.Max(1, parse.GetValue(concurrency)));
            var figures = await LoadBench.RunAsync(options, step => AnsiConsole.MarkupLine($"[grey]measuring {Markup.Escape(step)}…[/]"));
            var table = new Table().AddColumns("transaction", "transport", "request bytes", "per second", "echo baseline per second", "ratio");
            foreach (var f in figures)
            {
                table.AddRow(f.Transaction, f.Transport, f.RequestBytes.ToString(CultureInfo.InvariantCulture),
                    f.PerSecond.ToString("0", CultureInfo.InvariantCulture), f.BaselinePerSecond.ToString("0", CultureInfo.InvariantCulture),
                    f.Ratio.ToString("0.00", CultureInfo.InvariantCulture));
            }
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine($"[grey]{options.Concurrency} in flight, {options.Duration.TotalSeconds:0.#} s each, {Environment.ProcessorCount} cores[/]");
            return 0;
        });
        return command;
    }
}
