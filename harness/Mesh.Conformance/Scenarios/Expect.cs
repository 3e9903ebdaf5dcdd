using Mesh.Client;
using Mesh.Conformance.Reports;
using Mesh.Wire.Messages;

namespace Mesh.Conformance.Scenarios;

/// <summary>The checks Then steps make; each failure says what was required, expected and seen on the wire.</summary>
public static class Expect
{
    /// <summary>A check that holds or not; <c>id</c> names the requirements.md row it is judged by, when not the scenario's own.</summary>
    public static void That(bool holds, string requirement, string expected, string actual, string? id = null)
    {
        if (!holds) throw new ConformanceFailure(requirement, expected, actual, id);
    }

    /// <summary>A value as expected; <c>id</c> names the requirements.md row it is judged by, when not the scenario's own.</summary>
    public static void Equal<T>(T expected, T actual, string requirement, string? wire = null, string? id = null)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
            throw new ConformanceFailure(requirement, $"{expected}", $"{actual}" + (wire is null ? "" : $"\n{wire}"), id);
    }

    /// <summary>The response body of a result, as the report shows it.</summary>
    public static string WireText<T>(MeshResult<T> result) where T : Response =>
        $"HTTP {result.HttpStatus}\n{ExchangeText.Body(result.Exchange.ResponseBody)}";

    /// <summary>
    /// The typed answer of a transaction a scenario builds on (a Given): a target that refuses it fails the scenario's
    /// own requirement with what it answered, never with an exception of the harness.
    /// </summary>
    public static T Succeeded<T>(MeshResult<T> result, string what) where T : Response =>
        result.Succeeded && result.Typed is { } typed ? typed
            : throw new ConformanceFailure($"{what} succeeds (the scenario builds on it)", $"a 2xx Status in a {typeof(T).Name}", WireText(result));

    /// <summary>The payload of an envelope the target returned, or a failure saying it does not hold one.</summary>
    public static T Payload<T>(Mesh.Wire.Dare.DareEnvelope? envelope, string what) where T : Mesh.Wire.Model.WireRecord
    {
        if (envelope is null) throw new ConformanceFailure($"{what} is present", $"an envelope holding a {typeof(T).Name}", "absent");
        try { return Mesh.Wire.Dare.EnvelopeReader.Payload<T>(envelope); }
        catch (Exception e) when (e is not ConformanceFailure and not OutOfMemoryException)
        {
            throw new ConformanceFailure($"{what} holds a {typeof(T).Name}", typeof(T).Name, e.Message);
        }
    }
}
