namespace Mesh.Service;

/// <summary>
/// The service's time where a test must move it: fixed and moved on only when told (scenarios, simulations, tests),
/// or real time moved on when told (<see cref="Flowing"/>: <c>serve --test-clock</c>). Safe to read while another
/// thread moves it.
/// </summary>
public sealed class ManualClock : TimeProvider
{
    readonly TimeProvider? flowing;
    long ticks;

    public ManualClock(DateTimeOffset start) => ticks = start.UtcTicks;

    ManualClock(TimeProvider time) => flowing = time;

    /// <summary>The time of <paramref name="time"/> (the system's by default), plus every <see cref="Advance"/> so far.</summary>
    public static ManualClock Flowing(TimeProvider? time = null) => new(time ?? System);

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks) + (flowing?.GetUtcNow().UtcTicks ?? 0), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);
}
