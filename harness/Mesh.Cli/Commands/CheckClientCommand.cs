using System.CommandLine;
using Mesh.Conformance.Clients;
using Mesh.Conformance.Drivers;
using Mesh.Conformance.Reports;
using Mesh.Conformance.Targets;
using Spectre.Console;

namespace Mesh.Cli.Commands;

/// <summary>
/// <c>check-client DIR</c>: judges the requests a third-party client sent to <c>serve --record DIR</c> and writes the
/// usual reports. Exit 0 when no MUST check failed, 1 when one did, 2 when DIR is not a recording.
/// </summary>
public static class CheckClientCommand
{
    public static Command Create()
    {
        var folder = new Argument<string>("folder") { Description = "The folder given to serve --record" };
        var report = new Option<string>("--report") { Description = "Report folder", DefaultValueFactory = _ => "client-report" };
        var command = new Command("check-client", "Judge the requests a client sent to serve --record: binding, message, envelopes, discovery") { folder, report };
        command.SetAction(parse =>
        {
            ClientRecording recording;
            try { recording = ClientRecording.Read(parse.GetValue(folder)!); }
            catch (FileNotFoundException e)
            {
                Console.Error.WriteLine($"check-client: {e.Message}");
                return 2;
            }
            var results = ClientChecker.Check(recording);
            var suite = new SuiteReport($"client recorded by serve --record ({recording.Requests.Count} requests)", ["client"], DateTimeOffset.UtcNow, TimeSpan.Zero, results);
            suite.WriteAll(parse.GetValue(report)!);
            foreach (var r in results.Where(r => r.Verdict != Verdict.Pass))
                AnsiConsole.MarkupLine($"[{(r.Verdict == Verdict.Fail ? "red" : "darkorange")}]{r.Verdict.ToString().ToUpperInvariant()}[/] {Markup.Escape(r.Key)} §{r.Spec}: {Markup.Escape(r.Title)} — expected {Markup.Escape(r.Expected ?? "")}, got {Markup.Escape(r.Actual ?? "")}");
            var s = suite.Summary;
            Console.WriteLine($"{results.Count} checks over {recording.Requests.Count} requests: {s.Passed} passed, {s.Failed} failed, {s.Warned} warnings");
            Console.WriteLine($"Reports: {Path.Combine(parse.GetValue(report)!, "report.html")}, report.json, junit.xml");
            return suite.Conforms ? 0 : 1;
        });
        return command;
    }
}
