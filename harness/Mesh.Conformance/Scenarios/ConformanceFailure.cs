namespace Mesh.Conformance.Scenarios;

/// <summary>
/// A requirement not met: what was required, what was expected and what was seen on the wire. Reports show
/// these three apart, beside the scenario's id and spec section. <see cref="RequirementId"/>, when set, names the row
/// of features/requirements.md the check is judged by instead of the scenario's own (its first <c>@req:</c>).
/// </summary>
public sealed class ConformanceFailure(string requirement, string expected, string actual, string? requirementId = null)
    : Exception($"{requirement}\n  expected: {expected}\n  actual:   {actual}")
{
    public string Requirement { get; } = requirement;
    public string Expected { get; } = expected;
    public string Actual { get; } = actual;
    public string? RequirementId { get; } = requirementId;
}
