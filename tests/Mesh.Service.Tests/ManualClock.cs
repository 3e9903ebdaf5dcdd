namespace Mesh.Service.Tests;

/// <summary>A clock a test moves by hand.</summary>
sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    DateTimeOffset now = start;
    public void Advance(TimeSpan by) => now += by;
    public override DateTimeOffset GetUtcNow() => now;
}
