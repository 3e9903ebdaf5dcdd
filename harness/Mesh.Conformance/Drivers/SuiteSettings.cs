using Mesh.Conformance.Targets;
using Mesh.Conformance.Vectors;

namespace Mesh.Conformance.Drivers;

/// <summary>
/// How the runner configures a suite run, through the environment of the test process: the profile to run
/// (others skip), what to do with vectors, and where to append each scenario's result.
/// </summary>
public static class SuiteSettings
{
    public const string ProfileVariable = "MESH_CONFORMANCE_PROFILE";
    public const string VectorsVariable = "MESH_CONFORMANCE_VECTORS";
    public const string ResultsVariable = "MESH_CONFORMANCE_RESULTS";
    public const string FaultVariable = "MESH_CONFORMANCE_FAULT";
    public const string StrictVariable = "MESH_CONFORMANCE_STRICT";
    public const string TracesVariable = "MESH_CONFORMANCE_TRACES";

    /// <summary>The only profile to run, or null for every profile.</summary>
    public static string? Profile => Read(ProfileVariable) is { } p && p != "all" ? p : null;

    public static VectorMode Vectors => Environment.GetEnvironmentVariable(VectorsVariable)?.ToLowerInvariant() switch
    {
        "write" => VectorMode.Write,
        "off" => VectorMode.Off,
        _ => VectorMode.Compare,
    };

    /// <summary>The catalogue fault the embedded service commits in this run, or null (Mesh.Service/Faults).</summary>
    public static string? Fault => Read(FaultVariable);

    /// <summary>Strict mode: a broken SHOULD is a failure, not a warning.</summary>
    public static bool Strict => Environment.GetEnvironmentVariable(StrictVariable) == "1";

    /// <summary>Where each scenario leaves its trace (raw exchanges, decoded envelopes), or null.</summary>
    public static string? TracesFolder => Read(TracesVariable);

    /// <summary>The foreign service the run is aimed at, or null for the embedded reference service.</summary>
    public static ForeignTarget? Target => ForeignTarget.FromEnvironment();

    /// <summary>A JSON-lines file the runner reads as scenarios finish, or null.</summary>
    public static string? ResultsFile => Read(ResultsVariable);

    /// <summary>An environment variable's value, or null when it is unset or empty.</summary>
    internal static string? Read(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
