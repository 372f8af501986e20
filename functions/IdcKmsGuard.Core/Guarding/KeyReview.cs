using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Errors;
using IdcKmsGuard.Core.Events;
using IdcKmsGuard.Core.IdentityCenter;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.Ports;
using IdcKmsGuard.Core.Rules;
using IdcKmsGuard.Core.State;
using Microsoft.Extensions.Logging;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>
/// Re-reads the key an event concerns, decides, remediates where allowed, verifies, and drafts the alert; what earlier
/// attempts at the same event changed on the key is part of the story (a retry reports the fix an interrupted
/// attempt made, not a healthy key).
/// </summary>
internal sealed class KeyReview(IKeyStore keys, GuardOptions options, IKnownGoodPolicies knownGoodPolicies, TimeProvider time, ILogger logger)
{
    private readonly KeyRemediator remediator = new(keys);
    private readonly RotationReview rotation = new(keys);
    private readonly PolicyReview policyReview = new(keys, options, knownGoodPolicies, time);
    private readonly KeyUseFindings keyUse = new(options.OrgId, logger);

    public async Task<KeyReviewResult> ReviewAsync(GuardEvent guardEvent, ProtectedKey key, RemediationGate gate, CancellationToken cancellationToken)
    {
        KeySnapshot? before;
        try
        {
            before = await AheadReads.KeyDescription(keys, key.Target).TakeAsync(cancellationToken)
                .ConfigureAwait(false);
        }
        catch (AwsCallException e) when (e.IsAccessDenied)
        {
            var cannot = new KeyReviewParts(GuardCannot("read the key (DescribeKey)", e));
            var changed = gate.Changes.Journal.For(key.Target.ToString()) is { Reported: false } journaled
                ? cannot.WithEarlierWork(journaled, now: null)
                : cannot;
            return Draft(guardEvent, key, changed, before: null);
        }

        if (before is not null)
        {
            await gate.Causes.SawAsync(key.Target, KeySubjects.State, KeySubjects.StateValue(before.State), cancellationToken).ConfigureAwait(false);
        }

        var earlier = await gate.Changes.EarlierWorkAsync(key.Target.ToString(), cancellationToken).ConfigureAwait(false);
        var ownChange = options.IsGuard(guardEvent.Actor);
        var parts = new KeyReviewParts(KeyStateRules.Evaluate(before, key.Target).Where(f => gate.IsOn(RuleCatalog.Get(f.RuleId))).ToList())
        {
            Considered = guardEvent.Succeeded ? KeyStateRules.Checks : KeyStateRules.Checks.Union([RuleCatalog.AttemptDenied.Id]),
        };
        if (before is not null && KeyStateRules.CanRestore(before) && parts.Findings.Count > 0)
        {
            parts = await RestoreStateAsync(parts, key, before, gate, cancellationToken).ConfigureAwait(false);
        }

        if (before is not null)
        {
            parts = await AddTriggerChecksAsync(parts, new KeyCheck(guardEvent, key, before, gate), cancellationToken).ConfigureAwait(false);
        }

        if (earlier is not null)
        {
            earlier = await gate.Changes.SettleLateAsync(earlier, cancellationToken).ConfigureAwait(false);
            parts = parts.WithEarlierWork(earlier, (parts.After ?? before)?.State.ToString());
        }

        if (guardEvent.Trigger == Trigger.KeyUseFailed && gate.IsOn(RuleCatalog.KeyUseFailing))
        {
            parts = keyUse.Add(guardEvent, key.Target, parts, parts.After ?? before, gate);
        }

        return Conclude(guardEvent, key, parts, before, gate, ownChange) with
        {
            Considered = parts.Considered,
            Told = RuleCauses.Of(parts.Findings
                .Where(f => !f.Resolved && gate.Causes.Told(key.Target, f.RuleId) is not null)
                .Select(f => KeyValuePair.Create(f.RuleId, gate.Causes.Told(key.Target, f.RuleId)!))),
            NewsOfItsOwn = RuleSet.Of(parts.Findings
                .Where(f => !f.Resolved && gate.Causes.EventChangedItButIsNotTheCause(key.Target, f.RuleId))
                .Select(f => f.RuleId)),
        };
    }

    private static KeyReviewResult Conclude(
        GuardEvent guardEvent, ProtectedKey key, KeyReviewParts parts, KeySnapshot? before, RemediationGate gate, bool ownChange)
    {
        if (parts.Findings.Count == 0)
        {
            // A refused call of Identity Center with nothing found: KEY-USE-FAILING is off, or the burst went quiet.
            return guardEvent.Succeeded || guardEvent.Trigger == Trigger.KeyUseFailed
                ? KeyReviewResult.Quiet(
                    ownChange ? Disposition.Verified : Disposition.Healthy,
                    $"after {guardEvent.EventName} the key is {before?.State} and passes every check")
                : gate.IsOn(RuleCatalog.AttemptDenied)
                    ? Draft(
                        guardEvent,
                        key,
                        new KeyReviewParts([KeyStateRules.Violation(
                            RuleCatalog.AttemptDenied,
                            $"{guardEvent.EventName} failed with {guardEvent.ErrorCode}: {guardEvent.ErrorMessage}. "
                            + $"The key is still {before?.State}.")]),
                        before)
                    : KeyReviewResult.Quiet(Disposition.Healthy, $"{guardEvent.EventName} was refused and rule {RuleCatalog.AttemptDenied.Id} is off");
        }

        return Draft(guardEvent, key, parts, before);
    }

    private async Task<KeyReviewParts> RestoreStateAsync(
        KeyReviewParts parts,
        ProtectedKey key,
        KeySnapshot before,
        RemediationGate gate,
        CancellationToken cancellationToken)
    {
        var rule = before.IsPendingDeletion ? RuleCatalog.KeyNotPendingDeletion : RuleCatalog.KeyEnabled;
        var wouldDo = before.IsPendingDeletion ? "cancelled the deletion, then enabled the key" : "enabled the key";
        var decision = await gate.DecideAsync(rule, key.Target, wouldDo, cancellationToken).ConfigureAwait(false);
        if (!decision.Allowed)
        {
            return parts.WithSkipped(rule, decision, before.IsPendingDeletion ? "CancelKeyDeletion, EnableKey" : "EnableKey");
        }

        var restored = await remediator.RestoreAsync(before, gate.Changes, parts.Findings, cancellationToken).ConfigureAwait(false);
        foreach (var step in restored.Steps.Where(s => s.Status == StepStatus.Fixed))
        {
            var leftAs = step.Action == "CancelKeyDeletion" ? KeyState.Disabled : KeyState.Enabled;
            gate.Causes.Made(key.Target, KeySubjects.State, KeySubjects.StateValue(leftAs), step.Action);
        }

        if (restored.After is { } after)
        {
            await gate.Causes.SawAsync(key.Target, KeySubjects.State, KeySubjects.StateValue(after.State), cancellationToken).ConfigureAwait(false);
        }

        var findings = restored.Verification.Passed
            ? parts.Findings.Select(f => f with { Resolved = true }).ToList()
            : KeyStateRules.Evaluate(restored.After, key.Target);
        return parts.WithRemediation(findings, restored.Steps, restored.Verification, restored.After);
    }

    private async Task<KeyReviewParts> AddTriggerChecksAsync(KeyReviewParts parts, KeyCheck check, CancellationToken cancellationToken)
    {
        var (guardEvent, key, before, gate) = check;
        try
        {
            switch (guardEvent.Trigger)
            {
                // AWS refused Identity Center: whatever the call, the state and the policy are what it depends on.
                case Trigger.KeyPolicyChanged or Trigger.KeyUseFailed:
                    return await ReviewPolicyAsync(parts, check, cancellationToken).ConfigureAwait(false);
                case Trigger.KeyRotationDisabled when before.MultiRegionRole != MultiRegionRole.Replica:
                    parts = parts.Considering(RuleCatalog.KeyRotation);
                    return gate.IsOn(RuleCatalog.KeyRotation)
                        ? await rotation.ReviewAsync(parts, check, cancellationToken).ConfigureAwait(false)
                        : parts;
                case Trigger.Sweep or Trigger.KeyReplicated or Trigger.KeyPrimaryRegionChanged:
                    return await SweepChecksAsync(parts, check, cancellationToken).ConfigureAwait(false);
                default:
                    return parts;
            }
        }
        catch (AwsCallException e) when (e.IsAccessDenied)
        {
            // A change made before the refusal is still reported.
            var made = gate.Changes.StepsMadeNow(key.Target.ToString()).Where(s => !parts.Steps.Contains(s)).ToList();
            return parts.With(GuardCannot($"check the key ({e.Operation})", e)) with { Steps = [.. parts.Steps, .. made] };
        }
    }

    // The sweep has no event to narrow the checks: the policy, and rotation where it is set (the primary, KMS material).
    private async Task<KeyReviewParts> SweepChecksAsync(KeyReviewParts parts, KeyCheck check, CancellationToken cancellationToken)
    {
        parts = await ReviewPolicyAsync(parts, check, cancellationToken).ConfigureAwait(false);
        var before = check.Before;
        return before.MultiRegionRole != MultiRegionRole.Replica && before.Origin == KeySpecRules.KmsOrigin && check.Gate.IsOn(RuleCatalog.KeyRotation)
            ? await rotation.ReviewAsync(parts.Considering(RuleCatalog.KeyRotation), check, cancellationToken).ConfigureAwait(false)
            : parts;
    }

    // The policy engine's findings, of the rules that are on.
    private async Task<KeyReviewParts> ReviewPolicyAsync(KeyReviewParts parts, KeyCheck check, CancellationToken cancellationToken)
    {
        var (guardEvent, key, before, gate) = check;
        parts = gate.Configuration.ExtraRequirements.Count > 0
            ? parts.Considering(RuleCatalog.KeyPolicyHealthy, RuleCatalog.KeyPolicySafe, RuleCatalog.ExtraAccess)
            : parts.Considering(RuleCatalog.KeyPolicyHealthy, RuleCatalog.KeyPolicySafe);
        if (!gate.IsOn(RuleCatalog.KeyPolicyHealthy) && !gate.IsOn(RuleCatalog.KeyPolicySafe))
        {
            return parts;
        }

        var policy = await policyReview.ReviewAsync(
            guardEvent,
            key,
            gate.Configuration,
            gate,
            cancellationToken,
            before.State.ToString()).ConfigureAwait(false);
        return parts.WithPolicy(policy with { Findings = [.. policy.Findings.Where(f => gate.IsOn(RuleCatalog.Get(f.RuleId)))] });
    }

    private static Finding[] GuardCannot(string what, AwsCallException e) =>
        [KeyStateRules.Violation(
            RuleCatalog.GuardAccess,
            $"The guard is not allowed to {what}: {e.ErrorCode}: {e.ErrorMessage}. The key's health is unknown.")];

    private static KeyReviewResult Draft(GuardEvent guardEvent, ProtectedKey key, KeyReviewParts parts, KeySnapshot? before)
    {
        var state = before is null ? "The guard could not read the key." : $"The guard re-read the key: it was {before.State}.";
        var outcome = parts.Outcome;
        var headline = Headlines.For(parts.Primary!, outcome) + (key.Target.Region == key.InUse.Region ? string.Empty : $" (replica in {key.Target.Region})");
        var subject = key.Target.Region == key.InUse.Region
            ? $"the key Identity Center uses ({key.Target})"
            : $"the replica in {key.Target.Region} of the key Identity Center uses ({key.Target})";
        var about = AlertSubject.ForKey(key.Target, key.Instance.InstanceArn) with
        {
            StateBefore = parts.StateBefore ?? before?.State.ToString(),
            StateAfter = parts.After?.State.ToString(),
        };
        var draft = new AlertDraft(guardEvent, about)
        {
            Headline = headline,
            WhatHappened = string.Join(" ", [AlertComposer.Narrate(guardEvent, subject), state, .. parts.Notes]),
            Outcome = outcome,
            Findings = parts.Findings,
            Steps = parts.Steps,
            Verification = parts.Verification,
            PolicyDiff = parts.PolicyDiff,
            PolicyChange = parts.PolicyChange,
        };
        return new KeyReviewResult(Disposition.Alerted, headline, draft);
    }
}

/// <summary>What every check of one key review works from: the event, the key, the key as first read, and the gate.</summary>
internal sealed record KeyCheck(GuardEvent Event, ProtectedKey Key, KeySnapshot Before, RemediationGate Gate);
