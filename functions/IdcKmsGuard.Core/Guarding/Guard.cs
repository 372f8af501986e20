using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Events;
using IdcKmsGuard.Core.IdentityCenter;
using IdcKmsGuard.Core.Ports;
using Microsoft.Extensions.Logging;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>
/// The whole path for one event: find the key Identity Center uses, decide whether the event concerns it,
/// re-read the live state, remediate where allowed, verify, and publish one alert.
/// </summary>
public sealed class Guard
{
    private readonly IIdentityCenter identityCenter;
    private readonly IAlertPublisher publisher;
    private readonly ILogger logger;
    private readonly ProtectedKeyLocator locator;
    private readonly KeyReview keyReview;
    private readonly EncryptionReview encryptionReview;
    private readonly AlertComposer composer;
    private readonly IKeyStore keys;
    private readonly GuardOptions options;
    private readonly TimeProvider time;
    private readonly Func<CancellationToken, Task<GuardConfiguration>> configuration;

    /// <param name="configuration">The tunable configuration, read per event (the provider caches it); null: the defaults.</param>
    public Guard(IIdentityCenter identityCenter, IKeyStore keys, IAlertPublisher publisher, GuardOptions options, TimeProvider time, ILogger logger, Func<CancellationToken, Task<GuardConfiguration>>? configuration = null)
    {
        this.identityCenter = identityCenter;
        this.publisher = publisher;
        this.logger = logger;
        this.keys = keys;
        this.options = options;
        this.time = time;
        this.configuration = configuration ?? (_ => Task.FromResult(GuardConfiguration.Defaults));
        locator = new ProtectedKeyLocator(keys);
        keyReview = new KeyReview(keys, options);
        encryptionReview = new EncryptionReview(keys, options);
        composer = new AlertComposer(time);
    }

    public async Task<GuardResult> HandleAsync(GuardEvent guardEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(guardEvent);
        if (guardEvent.Trigger == Trigger.Unsupported)
        {
            return Ignore(guardEvent, $"{guardEvent.EventName} from {guardEvent.EventSource} is not an event the guard acts on");
        }

        var gate = new RemediationGate(keys, options, await configuration(cancellationToken).ConfigureAwait(false), guardEvent, time);
        var review = guardEvent.Trigger is Trigger.IdentityCenterEncryptionChanged or Trigger.IdentityCenterRegionChanged
            ? await ReviewInstanceAsync(guardEvent, gate, cancellationToken).ConfigureAwait(false)
            : await ReviewKeyAsync(guardEvent, gate, cancellationToken).ConfigureAwait(false);

        if (review.Draft is null)
        {
            if (review.Disposition == Disposition.Ignored)
            {
                return Ignore(guardEvent, review.Reason);
            }

            logger.LogInformation("No alert for {EventName} {EventId}: {Reason}", guardEvent.EventName, guardEvent.EventId, review.Reason);
            return new GuardResult(guardEvent, review.Disposition, review.Reason, null, null);
        }

        var alert = composer.Compose(review.Draft);
        var messageId = await publisher.PublishAsync(AlertRenderer.Render(alert), cancellationToken).ConfigureAwait(false);
        logger.LogWarning(
            "Alert {Rule} ({Severity}, {Outcome}) published as {MessageId}: {Headline}",
            alert.RuleId,
            AlertRenderer.Name(alert.Severity),
            AlertRenderer.Name(alert.Outcome),
            messageId,
            alert.Headline);
        return new GuardResult(guardEvent, Disposition.Alerted, review.Reason, alert, messageId);
    }

    private async Task<KeyReviewResult> ReviewKeyAsync(GuardEvent guardEvent, RemediationGate gate, CancellationToken cancellationToken)
    {
        var instances = await identityCenter.DescribeInstancesAsync(cancellationToken).ConfigureAwait(false);
        var key = await locator.LocateAsync(guardEvent, instances, cancellationToken).ConfigureAwait(false);
        if (key is null)
        {
            var why = instances.Any(i => i.Encryption.UsesCustomerManagedKey)
                ? $"the event names {Describe(guardEvent.KeyRefs)}, not a key Identity Center uses"
                : "Identity Center uses no customer managed key";
            return KeyReviewResult.Quiet(Disposition.Ignored, why);
        }

        return await keyReview.ReviewAsync(guardEvent, key, gate, cancellationToken).ConfigureAwait(false);
    }

    private async Task<KeyReviewResult> ReviewInstanceAsync(GuardEvent guardEvent, RemediationGate gate, CancellationToken cancellationToken)
    {
        IdentityCenterInstance instance;
        if (guardEvent.InstanceArn is { } arn)
        {
            instance = await identityCenter.DescribeInstanceAsync(arn, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var instances = await identityCenter.DescribeInstancesAsync(cancellationToken).ConfigureAwait(false);
            if (instances.Count == 0)
            {
                return KeyReviewResult.Quiet(Disposition.Ignored, "no Identity Center instance is visible");
            }

            instance = instances[0];
        }

        return await encryptionReview.ReviewAsync(guardEvent, instance, gate, cancellationToken).ConfigureAwait(false);
    }

    private GuardResult Ignore(GuardEvent guardEvent, string reason)
    {
        logger.LogDebug("Ignored {EventName} {EventId}: {Reason}", guardEvent.EventName, guardEvent.EventId, reason);
        return new GuardResult(guardEvent, Disposition.Ignored, reason, null, null);
    }

    private static string Describe(IReadOnlyList<string> keyRefs) =>
        keyRefs.Count == 0 ? "no key" : string.Join(", ", keyRefs);
}
