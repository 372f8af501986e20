using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Ports;

namespace IdcKmsGuard.Core.Tests.Support;

internal sealed class RecordingPublisher : IAlertPublisher
{
    public List<RenderedAlert> Published { get; } = [];

    public Task<string> PublishAsync(RenderedAlert alert, CancellationToken cancellationToken)
    {
        Published.Add(alert);
        return Task.FromResult($"msg-{Published.Count}");
    }
}
