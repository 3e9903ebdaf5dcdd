namespace Mesh.Service;

/// <summary>
/// The service's time where it must be repeatable (scenarios, simulations, tests): fixed, and moved on only when told.
/// Safe to read while another thread moves it.
/// </summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    long ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);
}
