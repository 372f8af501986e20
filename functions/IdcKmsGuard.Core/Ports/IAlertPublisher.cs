using IdcKmsGuard.Core.Alerts;

namespace IdcKmsGuard.Core.Ports;

public interface IAlertPublisher
{
    /// <returns>The message id the channel assigned.</returns>
    Task<string> PublishAsync(RenderedAlert alert, CancellationToken cancellationToken);
}
