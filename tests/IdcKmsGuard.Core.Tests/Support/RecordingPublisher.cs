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
}
