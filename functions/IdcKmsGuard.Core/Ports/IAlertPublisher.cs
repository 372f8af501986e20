using IdcKmsGuard.Core.Alerts;

namespace IdcKmsGuard.Core.Ports;

public interface IAlertPublisher
{
    /// <returns>The message id the channel assigned.</returns>
    Task<string> PublishAsync(RenderedAlert alert, CancellationToken cancellationToken);

    /// <summary>What the sweep checks of the channel itself (SNS GetTopicAttributes).</summary>
    /// <returns>Null for a channel with nothing to inspect (replay's capture).</returns>
    /// <exception cref="Errors.AwsCallException">The topic cannot be read (NotFound: it is gone).</exception>
    Task<AlertChannel?> DescribeAsync(CancellationToken cancellationToken);
}

/// <param name="EncryptionKey">The topic's KmsMasterKeyId as SNS returns it (a key id, ARN or alias); null: not encrypted.</param>
/// <param name="ConfirmedSubscriptions">Subscriptions that receive what is published (SubscriptionsConfirmed).</param>
public sealed record AlertChannel(string Name, string? EncryptionKey, int ConfirmedSubscriptions);
