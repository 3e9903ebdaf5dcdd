using System.Globalization;
using System.Text.Json;
using Mesh.Conformance.Reports.Html;
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
    public string Html() => HtmlPage.Render("matrix", "Mesh interoperability matrix", new Dictionary<string, object?>
    {
        ["started"] = Started.ToString("u", CultureInfo.InvariantCulture),
        ["features"] = Features,
        ["columns"] = Features.Count + 1,
        ["rows"] = Rows.Select(row => new Dictionary<string, object?>
        {
            ["target"] = row.Target,
            ["profile"] = row.Profile,
            ["unreachable"] = row.Unreachable,
            ["cells"] = Features.Select(feature => Cell(row.Features.FirstOrDefault(f => f.Name == feature))).Append(Cell(row.Summary)).ToList(),
        }).ToList(),
    });

    static Dictionary<string, object?> Cell(Tally? tally)
    {
        if (tally is null) return new() { ["css"] = "none", ["text"] = "–" };
        var judged = tally.Total - tally.Skipped - tally.Unsupported;
        return new()
        {
            ["css"] = tally.Failed > 0 ? "fail" : tally.Warned > 0 ? "warn" : judged > 0 ? "pass" : "none",
            ["title"] = $"{tally.Failed} failed, {tally.Warned} warnings, {tally.Skipped} skipped, {tally.Unsupported} unsupported",
            ["text"] = $"{tally.Passed}/{judged}",
        };
    }
}
