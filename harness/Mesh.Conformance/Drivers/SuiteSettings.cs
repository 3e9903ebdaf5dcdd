using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Mesh.Conformance.Targets;
using Mesh.Conformance.Vectors;

namespace Mesh.Conformance.Drivers;

/// <summary>
/// How one suite run is configured, handed to the bindings as <see cref="Current"/>: the profile to run (others skip),
/// what to do with vectors, the fault the embedded service commits, the target, and where each scenario's result goes.
/// The in-process runner sets it directly; a run in a test process (coverage) reads it from the file
/// <see cref="FileVariable"/> names. Plain <c>dotnet test</c> runs with the defaults: every profile against the
/// embedded service, vectors compared.
/// </summary>
public sealed record SuiteSettings
{
    /// <summary>The only variable a test process reads: the path of a settings file the runner wrote.</summary>
    public const string FileVariable = "MESH_CONFORMANCE_SETTINGS";

    /// <summary>The only profile to run, or null for every profile.</summary>
    public string? Profile { get; init; }

    public VectorMode Vectors { get; init; } = VectorMode.Compare;

    /// <summary>The catalogue fault the embedded service commits in this run, or null (Mesh.Service/Faults).</summary>
    public string? Fault { get; init; }

    /// <summary>Strict mode: a broken SHOULD is a failure, not a warning.</summary>
    public bool Strict { get; init; }

    /// <summary>Where each scenario leaves its trace (raw exchanges, decoded envelopes), or null.</summary>
    public string? TracesFolder { get; init; }

    /// <summary>The foreign service the run is aimed at, or null for the embedded reference service.</summary>
    public ForeignTarget? Target { get; init; }

    /// <summary>A JSON-lines file each result is appended to, for a runner in another process, or null.</summary>
    public string? ResultsFile { get; init; }

    /// <summary>Told each scenario's result as it finishes (the in-process runner), or null.</summary>
    [JsonIgnore]
    public Action<ScenarioResult>? OnResult { get; init; }

    /// <summary>Hands a finished scenario's result to whoever runs the suite.</summary>
    public void Report(ScenarioResult result)
    {
        OnResult?.Invoke(result);
        if (ResultsFile is { } path) result.AppendTo(path);
    }

    static readonly Lazy<SuiteSettings> FromEnvironment = new(() => FromFile(Environment.GetEnvironmentVariable(FileVariable)));
    static readonly AsyncLocal<SuiteSettings?> InFlow = new();

    /// <summary>
    /// The settings of the run in progress. Set for one flow of execution (the in-process runner's, which xunit's
    /// threads inherit), so that other code of the same process (tests beside a run) keeps the defaults.
    /// </summary>
    public static SuiteSettings Current
    {
        get => InFlow.Value ?? FromEnvironment.Value;
        set => InFlow.Value = value;
    }

    static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower), new EndPointConverter() },
    };

    public void WriteTo(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    /// <summary>The settings in the file, or the defaults when there is none.</summary>
    public static SuiteSettings FromFile(string? path) =>
        path is { Length: > 0 } ? JsonSerializer.Deserialize<SuiteSettings>(File.ReadAllText(path), Json)
            ?? throw new InvalidDataException($"{path}: no suite settings") : new SuiteSettings();

    sealed class EndPointConverter : JsonConverter<IPEndPoint>
    {
        public override IPEndPoint Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => IPEndPoint.Parse(reader.GetString()!);
        public override void Write(Utf8JsonWriter writer, IPEndPoint value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
    }
}
