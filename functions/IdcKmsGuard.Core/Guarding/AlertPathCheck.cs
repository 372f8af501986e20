using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Errors;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.Ports;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>What the sweep found of the guard's own alarm path, and what it did about it.</summary>
/// <param name="Problems">Why alerts or alarms may not reach people now; empty: the path holds.</param>
/// <param name="Steps">What the guard changed (or would have, or could not) to restore it.</param>
internal sealed record AlertPathReport(IReadOnlyList<string> Problems, IReadOnlyList<RemediationStep> Steps)
{
    public bool Broken => Problems.Count > 0;

    public bool Quiet => Problems.Count == 0 && Steps.Count == 0;
}

/// <summary>
/// The guard's own alarm path, which nobody else watches: every alert and alarm goes through the alert topic, encrypted
/// with the topic's own key. The sweep checks that key's state (and enables it again where the rule may remediate),
/// that its policy still lets the guard, CloudWatch and EventBridge use it, that the topic is still encrypted with it,
/// and that someone is subscribed. What it cannot send goes to the log and the AlertPathBroken metric.
/// </summary>
internal sealed class AlertPathCheck(IKeyStore keys, IAlertPublisher channel, GuardOptions options)
{
    private readonly AlertKeyPolicyCheck policy = new(keys, options);

    /// <param name="notAllowed">Why the guard may not enable the key again (null: it may).</param>
    /// <exception cref="AwsCallException">A failure that may pass: the sweep is delivered again.</exception>
    public async Task<AlertPathReport> CheckAsync(string? notAllowed, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var steps = new List<RemediationStep>();
        if (options.AlertTopicKeyArn is { } topicKey)
        {
            var usable = await CheckKeyAsync(topicKey, notAllowed, problems, steps, cancellationToken).ConfigureAwait(false);
            if (usable)
            {
                problems.AddRange(await policy.ProblemsAsync(topicKey, cancellationToken).ConfigureAwait(false));
            }
        }

        problems.AddRange(await ChannelProblemsAsync(options.AlertTopicKeyArn, cancellationToken).ConfigureAwait(false));
        return new AlertPathReport(problems, steps);
    }

    private async Task<bool> CheckKeyAsync(
        KeyArn topicKey, string? notAllowed, List<string> problems, List<RemediationStep> steps, CancellationToken cancellationToken)
    {
        var key = await DescribeAsync(topicKey, problems, cancellationToken).ConfigureAwait(false);
        if (key is null || key.State == KeyState.Enabled)
        {
            return key is not null;
        }

        var unusable = $"the alert topic's key {topicKey} is {key.State}: SNS cannot encrypt any alert or alarm of IdcKmsGuard until it is enabled";
        if (key.State is not (KeyState.Disabled or KeyState.PendingDeletion))
        {
            problems.Add(unusable);
            return false;
        }

        if (notAllowed is not null)
        {
            steps.Add(new RemediationStep("EnableKey", StepStatus.Skipped, notAllowed));
            problems.Add(unusable);
            return false;
        }

        try
        {
            if (key.State == KeyState.PendingDeletion)
            {
                await keys.CancelKeyDeletionAsync(topicKey, cancellationToken).ConfigureAwait(false);
                steps.Add(new RemediationStep("CancelKeyDeletion", StepStatus.Fixed, $"Cancelled the scheduled deletion of the alert topic's key {topicKey}."));
            }

            await keys.EnableKeyAsync(topicKey, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsCallException e) when (!e.IsTransient)
        {
            steps.Add(new RemediationStep(e.Operation, StepStatus.Failed, $"{e.ErrorCode}: {e.ErrorMessage}"));
            problems.Add(unusable);
            return false;
        }

        var after = await DescribeAsync(topicKey, problems, cancellationToken).ConfigureAwait(false);
        if (after?.State != KeyState.Enabled)
        {
            steps.Add(new RemediationStep("EnableKey", StepStatus.Failed, $"KMS accepted EnableKey but the key reads {after?.State.ToString() ?? "gone"}."));
            problems.Add(unusable);
            return false;
        }

        var enabled = $"Enabled the alert topic's key {topicKey}, which was {key.State}; alerts and alarms go out again.";
        steps.Add(new RemediationStep("EnableKey", StepStatus.Fixed, enabled));
        return true;
    }

    private async Task<KeySnapshot?> DescribeAsync(KeyArn topicKey, List<string> problems, CancellationToken cancellationToken)
    {
        try
        {
            var key = await keys.DescribeKeyAsync(topicKey, cancellationToken).ConfigureAwait(false);
            if (key is null)
            {
                problems.Add($"the alert topic's key {topicKey} no longer exists: SNS cannot encrypt any alert or alarm of IdcKmsGuard");
            }

            return key;
        }
        catch (AwsCallException e) when (!e.IsTransient)
        {
            problems.Add($"the guard cannot read the alert topic's key {topicKey} ({e.Operation}: {e.ErrorCode}), "
                + "so it cannot tell whether alerts still go out");
            return null;
        }
    }

    private async Task<List<string>> ChannelProblemsAsync(KeyArn? topicKey, CancellationToken cancellationToken)
    {
        AlertChannel? topic;
        try
        {
            topic = await channel.DescribeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (AwsCallException e) when (!e.IsTransient)
        {
            return [e.ErrorCode == "NotFound"
                ? "the alert topic no longer exists: no alert or alarm of IdcKmsGuard reaches anyone"
                : $"the guard cannot read its alert topic ({e.Operation}: {e.ErrorCode}), so it cannot tell whether anyone is subscribed"];
        }

        if (topic is null)
        {
            return [];
        }

        var problems = new List<string>();
        if (topicKey is not null && !await IsEncryptedWithAsync(topic, topicKey, cancellationToken).ConfigureAwait(false))
        {
            problems.Add(topic.EncryptionKey is null
                ? $"the alert topic {topic.Name} is no longer encrypted with its key {topicKey}"
                : $"the alert topic {topic.Name} is encrypted with {topic.EncryptionKey}, not its own key {topicKey}: whoever holds that key can "
                    + "stop every alert and alarm without the guard noticing");
        }

        if (topic.ConfirmedSubscriptions == 0)
        {
            problems.Add($"the alert topic {topic.Name} has no confirmed subscription: alerts are published and reach no one "
                + "(confirm the e-mail subscription, or subscribe the on-call channel)");
        }

        return problems;
    }

    // SNS answers KmsMasterKeyId as it was set: the template sets the key id; a person may set an ARN or an alias.
    private async Task<bool> IsEncryptedWithAsync(AlertChannel topic, KeyArn topicKey, CancellationToken cancellationToken)
    {
        if (topic.EncryptionKey is not { } named)
        {
            return false;
        }

        var reference = KeyReference.Classify(named);
        if (!reference.IsAlias)
        {
            return reference.Arn == topicKey || (reference.Kind == KeyReferenceKind.KeyId && named == topicKey.KeyId);
        }

        try
        {
            return (await keys.ResolveAliasAsync(topicKey.Region, named, cancellationToken).ConfigureAwait(false))?.Arn == topicKey;
        }
        catch (AwsCallException e) when (!e.IsTransient)
        {
            return false;
        }
    }
}
