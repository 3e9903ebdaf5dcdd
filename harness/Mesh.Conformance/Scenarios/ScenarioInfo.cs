namespace Mesh.Conformance.Scenarios;

/// <summary>Requirement level of a scenario (RFC 2119 words, from its tag).</summary>
public enum RequirementLevel
{
    Must,
    Should,
    May,
}

/// <summary>
/// What a scenario is, from its tags: a stable id (<c>@id:</c>), the draft section (<c>@spec:</c>), its level
/// (<c>@must</c>, <c>@should</c>, <c>@may</c>), the profile it runs in, and the example case when an outline has several.
/// </summary>
public sealed record ScenarioInfo(string Id, string Title, string Feature, string Spec, RequirementLevel Level, string Profile, string? Case, IReadOnlyList<string> Tags)
{
    /// <summary>The key of its vector and its report line: id, then the case when there is one.</summary>
    public string Key => Case is null ? Id : $"{Id}.{Case}";

    /// <summary>The requirement the scenario is graded by: its first <c>@req:</c> tag (features/requirements.md).</summary>
    public string? Requirement => Tags.FirstOrDefault(t => t.StartsWith("req:", StringComparison.Ordinal))?["req:".Length..];

    public static ScenarioInfo FromTags(string title, string feature, IEnumerable<string> tags, string profile, string? @case)
    {
        var list = tags.ToList();
        string Tag(string prefix) => list.FirstOrDefault(t => t.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..] ?? "";
        var level = list.Contains("must") ? RequirementLevel.Must : list.Contains("should") ? RequirementLevel.Should : RequirementLevel.May;
        return new ScenarioInfo(Tag("id:"), title, feature, Tag("spec:"), level, profile, string.IsNullOrEmpty(@case) ? null : @case, list);
    }
}
