namespace IdcKmsGuard.Core.FollowUps;

/// <summary>
/// When to re-check a switch that is UPDATING: bounded, so that a switch that never finishes becomes an alert
/// instead of an endless loop. The standard schedule doubles from 30 s up to SQS's 15-minute delay, about an
/// hour in all.
/// </summary>
public sealed record FollowUpSchedule(IReadOnlyList<TimeSpan> Delays)
{
    public static FollowUpSchedule Standard { get; } = new(
        [.. new[] { 30, 60, 120, 240, 480, 900, 900, 900 }.Select(seconds => TimeSpan.FromSeconds(seconds))]);

    public int MaxAttempts => Delays.Count;

    public TimeSpan Total => Delays.Aggregate(TimeSpan.Zero, (sum, delay) => sum + delay);

    /// <summary>The delay before re-check <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan DelayBefore(int attempt) => Delays[Math.Clamp(attempt, 1, Delays.Count) - 1];
}
