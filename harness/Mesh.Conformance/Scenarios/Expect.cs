using Mesh.Client;
using Mesh.Conformance.Reports;
using Mesh.Wire.Messages;

namespace Mesh.Conformance.Scenarios;

/// <summary>The checks Then steps make; each failure says what was required, expected and seen on the wire.</summary>
public static class Expect
{
    public static void That(bool holds, string requirement, string expected, string actual)
    {
        if (!holds) throw new ConformanceFailure(requirement, expected, actual);
    }

    public static void Equal<T>(T expected, T actual, string requirement, string? wire = null)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
            throw new ConformanceFailure(requirement, $"{expected}", $"{actual}" + (wire is null ? "" : $"\n{wire}"));
    }

    /// <summary>The response body of a result, as the report shows it.</summary>
    public static string WireText(MeshResult<Response> result) =>
        $"HTTP {result.HttpStatus}\n{ExchangeText.Body(result.Exchange.ResponseBody)}";
}
