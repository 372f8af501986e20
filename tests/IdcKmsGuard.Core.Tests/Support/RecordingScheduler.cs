using IdcKmsGuard.Core.FollowUps;
using IdcKmsGuard.Core.Ports;

namespace IdcKmsGuard.Core.Tests.Support;

internal sealed class RecordingScheduler : IFollowUpScheduler
{
    public List<(FollowUp FollowUp, TimeSpan Delay)> Scheduled { get; } = [];

    public Task ScheduleAsync(FollowUp followUp, TimeSpan delay, CancellationToken cancellationToken)
    {
        Scheduled.Add((followUp, delay));
        return Task.CompletedTask;
    }
}
