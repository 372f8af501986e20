using System.Globalization;
using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Delivery;
using IdcKmsGuard.Core.Errors;
using IdcKmsGuard.Core.Events;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.Ports;
using IdcKmsGuard.Core.Rules;
using IdcKmsGuard.Core.State;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>
/// The one place that decides whether a violation may be remediated: the deployment's switch, the rule's mode,
/// dry-run, a principal exemption (of this event's actor, or an earlier exempt change the key still shows), a
/// suspend tag on the key, the key's mark as guarded. Tags are read only when everything else allows it, and
/// a key whose tags cannot be read is not changed (its suspension is unknown): the alert says why.
/// </summary>
internal sealed class RemediationGate(
    IKeyStore keys,
    GuardOptions options,
    GuardConfiguration configuration,
    GuardEvent guardEvent,
    TimeProvider time,
    ChangeJournal changes,
    IExemptChanges exemptChanges)
{
    private readonly Dictionary<KeyArn, IReadOnlyDictionary<string, string>> tags = [];

    public GuardConfiguration Configuration => configuration;

    /// <summary>Where every change this invocation makes is journaled and sent.</summary>
    public ChangeJournal Changes => changes;

    /// <summary>Set when nothing may be changed for a reason outside the rules: why (an unreadable configuration, a
    /// late report of an interrupted attempt).</summary>
    public string? HeldBack { get; init; }

    public RuleMode ModeOf(GuardRule rule) => configuration.ModeOf(rule);

    public bool IsOn(GuardRule rule) => ModeOf(rule) != RuleMode.Off;

    /// <param name="subjectNow">What the rule's subject is now (the key's state, the policy's hash, the instance's key):
    /// an exempt change is remembered as this, and honoured later only while the subject is still the same.</param>
    public async Task<GateDecision> DecideAsync(GuardRule rule, KeyArn key, string subjectNow, string wouldDo, CancellationToken cancellationToken)
    {
        if (Precheck(rule) is { } refused)
        {
            return refused;
        }

        if (Exemption() is ({ } principal, { } exemption))
        {
            await RememberExemptAsync(rule, key, subjectNow, principal, exemption, cancellationToken).ConfigureAwait(false);
            var until = exemption.Until is { } end ? $" until {end:yyyy-MM-dd HH:mm} UTC" : string.Empty;
            return GateDecision.Skip(
                AlertOutcome.Exempt,
                $"Not done: {guardEvent.Actor.Arn} is exempt ({exemption.ArnPattern}{until}"
                + $"{(exemption.Reason is null ? string.Empty : $": {exemption.Reason}")}). "
                + $"The guard leaves the key as they left it while the exemption lasts. Would have: {wouldDo}.");
        }

        // Without an exemption in the configuration no exempt change can still hold: nothing to read.
        ExemptChange? standing = null;
        try
        {
            if (configuration.PrincipalExemptions.Count > 0)
            {
                standing = await exemptChanges.FindExemptChangeAsync(key.ToString(), rule.Id, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (AwsCallException e)
        {
            // Whether an exempt change stands is unknown: nothing is undone on a guess.
            if (e.IsTransient)
            {
                changes.NoteTransient($"{e.Operation} on the exempt changes of {key}: {e.ErrorCode}");
            }

            return GateDecision.Skip(
                AlertOutcome.Alerted,
                $"Not done: the guard could not read whether an exempt principal made this change ({e.Operation}: {e.ErrorCode}). "
                + $"Would have: {wouldDo}.");
        }

        var lasting = standing is not null && standing.LeftAs == subjectNow
            ? configuration.ExemptionsFor(standing.Principal, time.GetUtcNow()).FirstOrDefault()
            : null;
        if (standing is not null && lasting is not null)
        {
            var until = lasting.Until is { } end ? $" until {end:yyyy-MM-dd HH:mm} UTC" : " until the exemption is removed";
            return GateDecision.Skip(
                AlertOutcome.Exempt,
                $"Not done: {standing.Principal} left the key this way on {standing.At:yyyy-MM-dd HH:mm} UTC under an exemption ({lasting.ArnPattern}); "
                + $"the guard leaves it{until}. Would have: {wouldDo}.");
        }

        if (configuration.DryRun)
        {
            return GateDecision.Skip(AlertOutcome.DryRun, $"Dry run: would have {wouldDo}.");
        }

        IReadOnlyDictionary<string, string> keyTags;
        try
        {
            keyTags = await TagsAsync(key, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsCallException e)
        {
            if (e.IsTransient)
            {
                changes.NoteTransient($"{e.Operation} on {key}: {e.ErrorCode}");
            }

            var why = $"the guard could not read the key's tags ({e.Operation}: {e.ErrorCode}: {e.ErrorMessage}), "
                + $"so it cannot tell whether the key is suspended from remediation ({configuration.SuspendTagKey})";
            return GateDecision.Skip(AlertOutcome.Alerted, $"Not done: {why}. Would have: {wouldDo}.") with
            {
                Finding = KeyStateRules.Violation(RuleCatalog.GuardAccess, e.IsAccessDenied
                    ? $"The guard may not read the tags of {key} ({e.ErrorCode}): "
                        + "it changes nothing on a key whose suspension it cannot check. Grant it kms:ListResourceTags on the key."
                    : $"Reading the tags of {key} failed after retries ({e.ErrorCode}: {e.ErrorMessage}); the remediation waits for the next attempt."),
            };
        }

        if (SuspendedUntil(keyTags) is { } suspended)
        {
            return GateDecision.Skip(
                AlertOutcome.Exempt,
                $"Not done: the key is suspended from remediation by its tag {configuration.SuspendTagKey} "
                + $"until {suspended:yyyy-MM-dd HH:mm} UTC. Would have: {wouldDo}.");
        }

        if (!GuardedKeyTag.IsMarked(keyTags))
        {
            var mark = $"{GuardedKeyTag.Key}={GuardedKeyTag.Value}";
            return GateDecision.Skip(
                AlertOutcome.Alerted,
                $"Not done: {key} is not marked as guarded (tag {mark}), and the guard may change only marked keys. "
                + $"Would have: {wouldDo}.") with
            {
                Finding = KeyStateRules.Violation(
                    RuleCatalog.GuardAccess,
                    $"The key {key} lacks the tag {mark}: the guard's role may not change it, so it only reports. If this is Identity Center's key, mark it: "
                    + $"{GuardedKeyTag.MarkCommand(key)}. If the tag was removed on purpose, ask who removed it (CloudTrail UntagResource)."),
            };
        }

        return GateDecision.Allow;
    }

    /// <summary>What holds a remediation back before anything is read: the deployment, the rule's mode, the guard's own change.</summary>
    public GateDecision? Precheck(GuardRule rule)
    {
        if (HeldBack is { } why)
        {
            return GateDecision.Skip(AlertOutcome.Alerted, $"Not done: {why}");
        }

        if (!options.RemediationEnabled)
        {
            return GateDecision.Skip(AlertOutcome.Alerted, "Not done: remediation is off for this deployment (RemediationMode=alert).");
        }

        if (ModeOf(rule) != RuleMode.Remediate)
        {
            return GateDecision.Skip(AlertOutcome.Alerted, $"Not done: rule {rule.Id} is in mode '{ModeOf(rule).ToString().ToLowerInvariant()}'.");
        }

        return options.IsGuard(guardEvent.Actor)
            ? GateDecision.Skip(AlertOutcome.Alerted, "Not done: the change was the guard's own; it is verified, never repeated.")
            : null;
    }

    // A memory the next sweep relies on: a failed write asks Lambda for another delivery, which writes it again.
    private async Task RememberExemptAsync(
        GuardRule rule,
        KeyArn key,
        string subjectNow,
        string principal,
        PrincipalExemption exemption,
        CancellationToken cancellationToken)
    {
        try
        {
            await exemptChanges.RememberExemptChangeAsync(
                new ExemptChange(
                    key.ToString(),
                    rule.Id,
                    principal,
                    exemption.ArnPattern,
                    exemption.Until,
                    guardEvent.EventId,
                    guardEvent.EventTime ?? time.GetUtcNow(),
                    subjectNow),
                cancellationToken).ConfigureAwait(false);
        }
        catch (AwsCallException e) when (e.IsTransient)
        {
            changes.NoteTransient($"{e.Operation} remembering the exempt change on {key}: {e.ErrorCode}");
        }
    }

    // An assumed role matches by its session ARN or by the role behind it.
    // The principal it matched is remembered with an exempt change, so that a later check finds the same exemption.
    private (string Principal, PrincipalExemption Exemption)? Exemption()
    {
        var now = time.GetUtcNow();
        foreach (var arn in new[] { guardEvent.Actor.Arn, guardEvent.Actor.SessionIssuerArn }.OfType<string>())
        {
            if (configuration.ExemptionsFor(arn, now).FirstOrDefault() is { } exemption)
            {
                return (arn, exemption);
            }
        }

        return null;
    }

    // Per key: in a sweep, a replica's tag must never decide for the primary, nor the other way round.
    private async Task<IReadOnlyDictionary<string, string>> TagsAsync(KeyArn key, CancellationToken cancellationToken)
    {
        if (!tags.TryGetValue(key, out var keyTags))
        {
            keyTags = await keys.GetTagsAsync(key, cancellationToken).ConfigureAwait(false);
            tags[key] = keyTags;
        }

        return keyTags;
    }

    private DateTimeOffset? SuspendedUntil(IReadOnlyDictionary<string, string> keyTags)
    {
        return keyTags.TryGetValue(configuration.SuspendTagKey, out var value)
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var until)
            && until > time.GetUtcNow()
                ? until
                : null;
    }
}
