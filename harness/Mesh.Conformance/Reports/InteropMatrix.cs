using System.Net;
using System.Text;
using System.Text.Json;
using Mesh.Conformance.Targets;

namespace Mesh.Conformance.Reports;

/// <summary>
/// One line of a targets file for <c>matrix</c>: a name and how to reach the service, as <c>run</c> takes it.
/// <c>{"name": "acme", "url": "https://mesh.acme.test/.well-known/mmm/", "accountDomain": "acme.test"}</c> or
/// <c>{"name": "local", "domain": "example.com", "dns": "127.0.0.1:5353", "http": true, "profile": "draft-03"}</c>.
/// </summary>
public sealed record MatrixTarget
{
    public required string Name { get; init; }
    public Uri? Url { get; init; }
    public string? Domain { get; init; }
    public string? Dns { get; init; }
    public bool Http { get; init; }
    public string? Pin { get; init; }
    public string? AccountDomain { get; init; }
    /// <summary>draft-03 or reference; null for draft-03, the profile a third-party service speaks.</summary>
    public string? Profile { get; init; }

    static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <exception cref="FormatException">The file is not a JSON array of targets, or a target names no service.</exception>
    public static IReadOnlyList<MatrixTarget> Load(string path)
    {
        List<MatrixTarget>? targets;
        try { targets = JsonSerializer.Deserialize<List<MatrixTarget>>(File.ReadAllText(path), Options); }
        catch (JsonException e) { throw new FormatException($"{path}: not a JSON array of targets ({e.Message})"); }
        if (targets is not { Count: > 0 }) throw new FormatException($"{path}: no targets");
        foreach (var t in targets)
        {
            if ((t.Url is null) == (t.Domain is null)) throw new FormatException($"{path}: target '{t.Name}' needs either url or domain");
            if (t.Domain is not null && t.Dns is null) throw new FormatException($"{path}: target '{t.Name}' gives a domain without the dns server to ask");
        }
        if (targets.Select(t => t.Name).Distinct().Count() != targets.Count) throw new FormatException($"{path}: target names repeat");
        return targets;
    }

    public ForeignTarget ToForeign(string run) => new()
    {
        Url = Url,
        Domain = Domain,
        Dns = Dns is null ? null : Mesh.Dns.ResolverFactory.ParseEndPoint(Dns),
        Http = Http,
        Pin = Pin,
        AccountDomain = AccountDomain,
        Run = run,
    };
}

/// <summary>One target's row: its verdict counts by feature, or why it could not be judged.</summary>
public sealed record MatrixRow(string Target, string Profile, bool Conforms, string? Unreachable, IReadOnlyList<Tally> Features, Tally Summary);

/// <summary>The target-by-feature matrix of a <c>matrix</c> run, as <c>matrix.json</c> and <c>matrix.html</c>.</summary>
public sealed record InteropMatrix(DateTimeOffset Started, IReadOnlyList<MatrixRow> Rows)
{
    public IReadOnlyList<string> Features => Rows.SelectMany(r => r.Features.Select(f => f.Name)).Distinct().Order(StringComparer.Ordinal).ToList();

    public void WriteAll(string folder)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "matrix.json"), Json());
        File.WriteAllText(Path.Combine(folder, "matrix.html"), Html());
    }

    public string Json() => JsonSerializer.Serialize(new { started = Started, features = Features, targets = Rows }, ReportJson.Options);

    /// <summary>A cell reads "passed/judged", red when a MUST failed, amber for a warning; skips are counted apart.</summary>
    public string Html()
    {
        static string E(string text) => WebUtility.HtmlEncode(text);
        var html = new StringBuilder();
        html.Append("<!doctype html><meta charset=\"utf-8\"><title>Mesh interoperability matrix</title><style>")
            .Append("body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:center}")
            .Append(".fail{background:#f8d0d0}.warn{background:#fbe6c2}.pass{background:#d4f0d4}.none{color:#999}</style>")
            .Append($"<h1>Mesh interoperability matrix</h1><p>{E(Started.ToString("u"))}. Each cell: scenarios passed / judged (skipped not judged); red: a MUST failed, amber: a SHOULD.</p>")
            .Append("<table><tr><th>target</th><th>profile</th>");
        foreach (var feature in Features) html.Append($"<th>{E(feature)}</th>");
        html.Append("<th>all</th></tr>");
        foreach (var row in Rows)
        {
            html.Append($"<tr><th>{E(row.Target)}</th><td>{E(row.Profile)}</td>");
            if (row.Unreachable is not null)
            {
                html.Append($"<td class=\"fail\" colspan=\"{Features.Count + 1}\">{E(row.Unreachable)}</td></tr>");
                continue;
            }
            foreach (var feature in Features) html.Append(Cell(row.Features.FirstOrDefault(f => f.Name == feature)));
            html.Append(Cell(row.Summary)).Append("</tr>");
        }
        return html.Append("</table>").ToString();
    }

    static string Cell(Tally? tally)
    {
        if (tally is null) return "<td class=\"none\">–</td>";
        var judged = tally.Total - tally.Skipped - tally.Unsupported;
        var css = tally.Failed > 0 ? "fail" : tally.Warned > 0 ? "warn" : judged > 0 ? "pass" : "none";
        return $"<td class=\"{css}\" title=\"{tally.Failed} failed, {tally.Warned} warnings, {tally.Skipped} skipped, {tally.Unsupported} unsupported\">{tally.Passed}/{judged}</td>";
    }
}
