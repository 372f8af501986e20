using IdcKmsGuard.Core.Events;
using IdcKmsGuard.Core.FollowUps;
using IdcKmsGuard.Core.Ports;
using IdcKmsGuard.Core.State;
using Microsoft.Extensions.Logging;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>
/// Re-checks of an Identity Center key switch that is still UPDATING, and quiet checks of a burst of refusals. The
/// guard keeps the event itself; a follow-up message only names it, so a message that names an event the guard never
/// kept is refused.
/// </summary>
internal sealed class FollowUpPlanner(IFollowUpEvents events, TimeProvider time, ILogger logger)
{
    // Far longer than every re-check of a switch takes (about an hour), and SQS's own retries of the last one.
    private static readonly TimeSpan EventLifetime = TimeSpan.FromHours(24);

    /// <summary>Null: no re-checks; the first alert tells people to check by hand.</summary>
    public IFollowUpScheduler? Scheduler { get; set; }

    public FollowUpSchedule Schedule { get; set; } = FollowUpSchedule.Standard;

    /// <exception cref="EventFormatException">The guard kept no such event, or the kept event cannot be read.</exception>
    public async Task<GuardEvent> EventOfAsync(FollowUp followUp, CancellationToken cancellationToken)
    {
        var json = await events.FindFollowUpEventAsync(followUp.EventId, cancellationToken).ConfigureAwait(false)
            ?? throw new EventFormatException(
                $"Refused follow-up {followUp.Attempt} of event {followUp.EventId}: the guard kept no such event "
                + $"(a forged message, or one older than {EventLifetime.TotalHours:0} hours).");
        return EventReader.Read(json);
    }

    /// <summary>A check, after <paramref name="delay"/>, whether a burst of refusals went quiet (see <see cref="KeyUseBursts"/>).</summary>
    /// <returns>False when the guard schedules no follow-ups (no queue, or an event without id): the burst closes when stale.</returns>
    public async Task<bool> ScheduleQuietCheckAsync(
        GuardEvent refusal, int attempt, DateTimeOffset burstOpenedAt, TimeSpan delay, CancellationToken cancellationToken)
    {
        if (Scheduler is null || refusal.Raw is not { } raw || refusal.EventId is not { } eventId)
        {
            return false;
        }

        await events.KeepFollowUpEventAsync(eventId, raw, time.GetUtcNow() + EventLifetime, cancellationToken).ConfigureAwait(false);
        await Scheduler.ScheduleAsync(new FollowUp(eventId, attempt, burstOpenedAt), delay, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Quiet check {Attempt} of the refusal burst on {KeyRefs} in {Delay}", attempt, string.Join(", ", refusal.KeyRefs), delay);
        return true;
    }

    /// <summary>The alert waits for the switch's outcome; past the schedule's end, the review's "still UPDATING" alert goes out.</summary>
    /// <returns>Why the alert waits; null when no re-check was scheduled.</returns>
    public async Task<string?> ScheduleAsync(GuardEvent guardEvent, FollowUp? current, CancellationToken cancellationToken)
    {
        var attempt = (current?.Attempt ?? 0) + 1;
        if (Scheduler is null || attempt > Schedule.MaxAttempts || guardEvent.Raw is not { } raw || guardEvent.EventId is not { } eventId)
        {
            return null;
        }

        var delay = Schedule.DelayBefore(attempt);
        var since = current?.Since ?? time.GetUtcNow();
        await events.KeepFollowUpEventAsync(eventId, raw, time.GetUtcNow() + EventLifetime, cancellationToken).ConfigureAwait(false);
        await Scheduler.ScheduleAsync(new FollowUp(eventId, attempt, since), delay, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Identity Center's key switch is UPDATING; re-check {Attempt} of {MaxAttempts} in {Delay}", attempt, Schedule.MaxAttempts, delay);
        return $"the key switch is still UPDATING; re-check {attempt} of {Schedule.MaxAttempts} is scheduled in {(int)delay.TotalSeconds} s, "
            + "and the alert comes with the outcome";
    }
}
