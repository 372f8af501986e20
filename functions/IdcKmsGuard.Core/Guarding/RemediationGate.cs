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
/// The one place that decides whether a violation may be remediated: the deployment's switch, the rule's mode, whose
/// change the key shows (the guard's own is never repeated; an exempt principal's is left while the exemption lasts
/// and the key is as they left it: <see cref="ChangeCauses"/>), dry-run, a suspend tag on the key, the key's mark as
/// guarded. Tags are read only when everything else allows it, and a key whose tags cannot be read is not changed
/// (its suspension is unknown): the alert says why.
/// </summary>
internal sealed class RemediationGate(
    IKeyStore keys,
    GuardOptions options,
    GuardConfiguration configuration,
    GuardEvent guardEvent,
    TimeProvider time,
    ChangeJournal changes,
    ChangeCauses causes)
{
    private readonly Dictionary<KeyArn, IReadOnlyDictionary<string, string>> tags = [];

    public GuardConfiguration Configuration => configuration;

    /// <summary>Where every change this invocation makes is journaled and sent.</summary>
    public ChangeJournal Changes => changes;

    /// <summary>Whose change each part of a key shows: every look at a key goes through it.</summary>
    public ChangeCauses Causes => causes;

    /// <summary>Set when nothing may be changed for a reason outside the rules: why (an unreadable configuration, a
    /// late report of an interrupted attempt).</summary>
    public string? HeldBack { get; init; }

    public RuleMode ModeOf(GuardRule rule) => configuration.ModeOf(rule);

    public bool IsOn(GuardRule rule) => ModeOf(rule) != RuleMode.Off;

    /// <summary>Whether <paramref name="rule"/>'s violation on <paramref name="key"/> may be undone. For a rule about a part
    /// of the key, the review has looked at that part first (<see cref="ChangeCauses.SawAsync"/>): the change behind
    /// what it saw decides; for another rule, this event's caller is the one who changed it.</summary>
    public async Task<GateDecision> DecideAsync(GuardRule rule, KeyArn key, string wouldDo, CancellationToken cancellationToken)
    {
        if (Precheck(rule) is { } refused)
        {
            return refused;
        }

        var cause = KeySubjects.OfRule(rule.Id) is { } subject ? causes.CauseOf(key, subject) : EventAsChange();
        if (cause is not null && options.IsGuardRole(cause.ActorRole))
        {
            return GateDecision.Skip(AlertOutcome.Alerted, "Not done: the key shows the guard's own change; it is verified, never repeated.");
        }

        if (cause is not null && Exemption(cause) is ({ } principal, { } exemption))
        {
            var until = exemption.Until is { } end ? $" until {end:yyyy-MM-dd HH:mm} UTC" : " until the exemption is removed";
            var reason = exemption.Reason is null ? string.Empty : $": {exemption.Reason}";
            return GateDecision.Skip(
                AlertOutcome.Exempt,
                cause.EventId == guardEvent.EventId
                    ? $"Not done: {principal} is exempt ({exemption.ArnPattern}{until}{reason}). "
                        + $"The guard leaves the key as they left it while the exemption lasts. Would have: {wouldDo}."
                    : $"Not done: {principal} left the key this way on {cause.At:yyyy-MM-dd HH:mm} UTC under an exemption ({exemption.ArnPattern}{reason}); "
                        + $"the guard leaves it{until}, or until the key changes. Would have: {wouldDo}.");
        }

        // Whether an exempt principal made this change is unknown: nothing is undone on a guess.
        if (cause is null && configuration.PrincipalExemptions.Count > 0 && causes.Unreadable(key) is { } e)
        {
            if (e.IsTransient)
            {
                changes.NoteTransient($"{e.Operation} on the memory of {key}: {e.ErrorCode}");
            }

            return GateDecision.Skip(
                AlertOutcome.Alerted,
                $"Not done: the guard could not read whether an exempt principal made this change ({e.Operation}: {e.ErrorCode}). "
                + $"Would have: {wouldDo}.");
        }

        if (configuration.DryRun)
        {
            return GateDecision.Skip(AlertOutcome.DryRun, $"Dry run: would have {wouldDo}.");
        }

        return await TagsAllowAsync(key, wouldDo, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What holds a remediation back before anything is read: the deployment, the rule's mode.</summary>
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

        return ModeOf(rule) != RuleMode.Remediate
            ? GateDecision.Skip(AlertOutcome.Alerted, $"Not done: rule {rule.Id} is in mode '{ModeOf(rule).ToString().ToLowerInvariant()}'.")
            : null;
    }

    private async Task<GateDecision> TagsAllowAsync(KeyArn key, string wouldDo, CancellationToken cancellationToken)
    {
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

        if (SuspendTag.SuspendedUntil(keyTags, configuration.SuspendTagKey, time.GetUtcNow(), options.MaxSuspension) is { } suspended)
        {
            return GateDecision.Skip(
                AlertOutcome.Exempt,
                $"Not done: the key is suspended from remediation by its tag {configuration.SuspendTagKey} "
                + $"until {suspended:yyyy-MM-dd HH:mm} UTC. Would have: {wouldDo}.");
        }

        if (!GuardedKeyTag.IsMarked(keyTags))
        {
            return GateDecision.Skip(
                AlertOutcome.Alerted,
                $"Not done: {key} is not marked as guarded (tag {GuardedKeyTag.Key}={GuardedKeyTag.Value}), and the guard may change only marked keys. "
                + $"Would have: {wouldDo}.") with
            {
                Finding = KeyStateRules.NotMarked(key),
            };
        }

        return GateDecision.Allow;
    }

    // For a rule about no part of the key (Identity Center's encryption), this event's call is the change judged.
    private KnownChange? EventAsChange() =>
        guardEvent.Actor.Arn is null && guardEvent.Actor.SessionIssuerArn is null
            ? null
            : new KnownChange(
                "-", guardEvent.EventId ?? "-", guardEvent.Actor.Arn ?? "-", guardEvent.Actor.SessionIssuerArn, guardEvent.EventTime ?? time.GetUtcNow(), "-");

    // An assumed role matches by its session ARN or by the role behind it.
    private (string Principal, PrincipalExemption Exemption)? Exemption(KnownChange change)
    {
        var now = time.GetUtcNow();
        foreach (var arn in new[] { change.Actor, change.ActorRole }.OfType<string>())
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
}
