using Mesh.Conformance.Drivers;

namespace Mesh.Conformance.Reports;

/// <summary>
/// An expected-failures file (issue 5, <c>--baseline FILE</c>): one scenario a line, <c>key</c> (every profile)
/// or <c>key [profile]</c>; <c>#</c> starts a comment. Listed failures do not count against conformance; a listed
/// scenario that passes is a stale entry, and fails the run so the file is kept honest.
/// </summary>
public sealed class BaselineCheck
{
    BaselineCheck(IReadOnlyList<string> entries, IReadOnlyList<ScenarioResult> results)
    {
        Entries = entries;
        Stale = entries.Where(entry => results.Any(r => Matches(entry, r)) && results.Where(r => Matches(entry, r)).All(r => r.Verdict == Verdict.Pass)).ToList();
    }

    public IReadOnlyList<string> Entries { get; }

    /// <summary>Listed entries whose scenarios all passed.</summary>
    public IReadOnlyList<string> Stale { get; }

    public static BaselineCheck Load(string path, IReadOnlyList<ScenarioResult> results) => new(
        File.ReadLines(path).Select(l => (l.Contains('#') ? l[..l.IndexOf('#')] : l).Trim()).Where(l => l.Length > 0).ToList(), results);

    public bool Expects(ScenarioResult result) => Entries.Any(entry => Matches(entry, result));

    public static string KeyOf(ScenarioResult result) => $"{result.Key} [{result.Profile}]";

    static bool Matches(string entry, ScenarioResult result) => entry == result.Key || entry == KeyOf(result);
}
