using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Ports;

namespace IdcKmsGuard.Core.Tests.Support;

internal sealed class RecordingPublisher : IAlertPublisher
{
    public List<RenderedAlert> Published { get; } = [];

    /// <summary>The next publish fails, as SNS does when the topic is gone or throttled.</summary>
    public bool FailNext { get; set; }

    public Task<string> PublishAsync(RenderedAlert alert, CancellationToken cancellationToken)
    {
        if (FailNext)
        {
            FailNext = false;
            throw new InvalidOperationException("SNS is unavailable.");
        }

        Published.Add(alert);
        return Task.FromResult($"msg-{Published.Count}");
    }

    /// <summary>What <see cref="DescribeAsync"/> answers: null, a channel with nothing to inspect, by default.</summary>
    public AlertChannel? Channel { get; set; }

    /// <summary>Thrown by <see cref="DescribeAsync"/> instead of answering (NotFound: the topic is gone).</summary>
    public Errors.AwsCallException? DescribeFailure { get; set; }

    public Task<AlertChannel?> DescribeAsync(CancellationToken cancellationToken) =>
        DescribeFailure is { } failure ? Task.FromException<AlertChannel?>(failure) : Task.FromResult(Channel);
}
