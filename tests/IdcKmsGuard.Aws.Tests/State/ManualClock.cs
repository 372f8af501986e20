namespace IdcKmsGuard.Aws.Tests.State;

/// <summary>
/// Time that moves only when told. (FakeTimeProvider would do; this project does not reference
/// Microsoft.Extensions.TimeProvider.Testing.)
/// </summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);
}
