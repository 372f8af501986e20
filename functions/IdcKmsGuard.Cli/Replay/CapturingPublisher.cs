using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Ports;

namespace IdcKmsGuard.Cli.Replay;

/// <summary>Keeps the alerts instead of publishing them: replay shows what would have gone out.</summary>
internal sealed class CapturingPublisher : IAlertPublisher
{
    public const string NotPublished = "not-published";

    public List<RenderedAlert> Captured { get; } = [];

    public Task<string> PublishAsync(RenderedAlert alert, CancellationToken cancellationToken)
    {
        Captured.Add(alert);
        return Task.FromResult(NotPublished);
    }

    public Task<AlertChannel?> DescribeAsync(CancellationToken cancellationToken) => Task.FromResult<AlertChannel?>(null);
}
