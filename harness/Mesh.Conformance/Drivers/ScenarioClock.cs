namespace Mesh.Conformance.Drivers;

/// <summary>The time a scenario's service sees: fixed, and moved on only when a scenario says time passes.</summary>
public sealed class ScenarioClock(DateTimeOffset start) : TimeProvider
{
    DateTimeOffset now = start;

    public void Advance(TimeSpan by) => now += by;

    public override DateTimeOffset GetUtcNow() => now;
}
