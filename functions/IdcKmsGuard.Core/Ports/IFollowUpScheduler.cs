using IdcKmsGuard.Core.FollowUps;

namespace IdcKmsGuard.Core.Ports;

/// <summary>Delivers a follow-up back to the guard after a delay (an SQS queue with DelaySeconds).</summary>
public interface IFollowUpScheduler
{
    Task ScheduleAsync(FollowUp followUp, TimeSpan delay, CancellationToken cancellationToken);
}
