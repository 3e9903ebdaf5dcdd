namespace Mesh.Conformance.Scenarios;

/// <summary>
/// Which row of features/requirements.md a status check is judged by. The draft prescribes no status codes (§4.5):
/// in draft-03 a code of the same class as the one expected is another reading of docs/service.md, judged by that code's
/// row; a code of another class (a refusal where success was due, an acceptance where a refusal was) breaks the
/// scenario's own requirement. In the reference profile the author's codes are the requirement (R01).
/// </summary>
public static class StatusCodes
{
    /// <returns>The requirement id, or null for the scenario's own.</returns>
    public static string? Requirement(string profile, int expected, int? actual)
    {
        if (profile == "reference") return "R01";
        if (actual is null || actual / 100 != expected / 100) return null;
        return expected switch
        {
            201 => "H10",
            400 => "H11",
            401 => "H12",
            404 => "H13",
            405 => "H30",
            409 => "H14",
            413 => "H15",
            415 => "H16",
            _ => null,
        };
    }

    /// <summary>The same for the HTTP status, where an HTTP 200 carrying a refusal is the other reading of mirroring (A9, H09).</summary>
    public static string? HttpRequirement(string profile, int expected, int actual) =>
        profile != "reference" && expected >= 400 && actual == 200 ? "H09" : Requirement(profile, expected, actual);
}
