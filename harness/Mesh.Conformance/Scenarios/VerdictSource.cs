namespace Mesh.Conformance.Scenarios;

/// <summary>Where a requirement comes from, which decides how a broken one is graded (docs/verdicts.md).</summary>
public enum SourceKind
{
    /// <summary>A sentence of the draft: its MUST fails a target, its SHOULD warns, its MAY informs.</summary>
    Draft,
    /// <summary>A decision of the project where the draft is silent or open: a different reading warns (fails with --strict).</summary>
    Decision,
    /// <summary>The author's implementation's behaviour: the requirement in the reference profile, information in draft-03.</summary>
    Reference,
}

/// <summary>
/// What a verdict is judged by: a row of <c>features/requirements.md</c> — its id, where it comes from, the draft's §,
/// its level, the decision (A-number and the project doc that records it) it settles, and the quoted sentence. Every scenario result carries
/// one, so a matrix can gather, per open question, the reading each target took.
/// </summary>
public sealed record VerdictSource(string RequirementId, SourceKind Kind, string Section, string Level, string? Decision, string Quote)
{
    public static VerdictSource Of(Requirement requirement) => new(requirement.Id, ParseKind(requirement.Source), requirement.Section,
        requirement.Level, requirement.Decision is { Length: > 0 } d ? d : null, requirement.Text);

    public static SourceKind ParseKind(string source) => source switch
    {
        "draft" => SourceKind.Draft,
        "decision" => SourceKind.Decision,
        "reference" => SourceKind.Reference,
        _ => throw new FormatException($"unknown requirement source '{source}' (draft, decision or reference)"),
    };

    /// <summary>One line for the reports: where the requirement comes from and what it says.</summary>
    public string Cite => Kind switch
    {
        SourceKind.Draft => $"draft §{Section} {Level} [{RequirementId}]: \"{Quote}\"",
        SourceKind.Decision => $"decision {Decision} [{RequirementId}], where the draft (§{Section}) is silent: {Quote}",
        _ => $"the author's implementation{(Decision is null ? "" : $" ({Decision})")} [{RequirementId}]: {Quote}",
    };
}
