using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Events;
using IdcKmsGuard.Core.FollowUps;
using IdcKmsGuard.Core.IdentityCenter;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.Ports;
using IdcKmsGuard.Core.Rules;
using IdcKmsGuard.Core.State;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>
/// After an UpdateInstance (or a Region change) the instance is re-read: the event's parameters are never
/// trusted, since CloudTrail's casing of the encryption fields is undocumented.
/// </summary>
internal sealed class EncryptionReview
{
    private readonly IKeyStore keys;
    private readonly GuardOptions options;
    private readonly PolicyReview policyReview;
    private readonly EncryptionRemediator remediator;
    private readonly TimeProvider time;
    private readonly Auditing.Auditor auditor;
    private readonly IncidentBook incidents;
    private readonly KeyInUseTracker keysInUse;

    public EncryptionReview(
        IIdentityCenter identityCenter,
        IKeyStore keys,
        GuardOptions options,
        State.GuardStores state,
        TimeProvider time,
        Auditing.Auditor auditor)
    {
        this.keys = keys;
        this.options = options;
        this.time = time;
        policyReview = new PolicyReview(keys, options, state.KnownGoodPolicies, time);
        keysInUse = new KeyInUseTracker(state.KeysInUse);
        remediator = new EncryptionRemediator(identityCenter, keys, options, policyReview);
        this.auditor = auditor;
        incidents = new IncidentBook(state.Incidents, time);
    }

    /// <param name="followUp">Set when this is a re-check of a switch that was UPDATING; the guard re-checks no more.</param>
    public async Task<KeyReviewResult> ReviewAsync(
        GuardEvent guardEvent, IdentityCenterInstance instance, RemediationGate gate, FollowUp? followUp, CancellationToken cancellationToken) =>
        await JudgeAsync(guardEvent, instance, gate, followUp, cancellationToken).ConfigureAwait(false) with { Considered = Checks };

    private static RuleSet Checks { get; } = RuleSet.Of(RuleCatalog.EncryptionStatus, RuleCatalog.EncryptionApproved);

    private async Task<KeyReviewResult> JudgeAsync(
        GuardEvent guardEvent,
        IdentityCenterInstance instance,
        RemediationGate gate,
        FollowUp? followUp,
        CancellationToken cancellationToken)
    {
        var encryption = instance.Encryption;
        var configuration = gate.Configuration;
        var earlier = await gate.Changes.EarlierWorkAsync(instance.InstanceArn, cancellationToken).ConfigureAwait(false);
        await keysInUse.RememberIfEnabledAsync(instance, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);

        // A rename or a Region change is not news unless it left the encryption unhealthy.
        var couldHaveSwitched = guardEvent.Trigger == Trigger.IdentityCenterEncryptionChanged && guardEvent.MentionsEncryption != false;
        var narration = AlertComposer.Narrate(guardEvent, $"Identity Center instance {instance.InstanceArn}");
        var now = $"The guard re-read the instance: it uses {encryption.Describe()}, encryption status {encryption.Status}."
            + (followUp is null
                ? string.Empty
                : $" The switch was still UPDATING when the event arrived; this is the guard's re-check {followUp.Attempt}, "
                    + $"{Elapsed(followUp)} after it was first seen UPDATING.");
        var updating = encryption.Status == EncryptionStatus.Updating && (couldHaveSwitched || followUp is not null);

        var (headline, findings, severity, extra) = encryption switch
        {
            { Status: EncryptionStatus.UpdateFailed } => (
                "Identity Center's switch of encryption key failed",
                [KeyStateRules.Violation(
                    RuleCatalog.EncryptionStatus,
                    $"The key switch failed: {encryption.StatusReason ?? "no reason given"}. The previous key stays in use.")],
                Severity.Critical,
                (IReadOnlyList<string>)[]),
            { Status: EncryptionStatus.Updating } when followUp is not null => (
                "Identity Center's key switch has not finished",
                [new Finding(
                    RuleCatalog.EncryptionStatus.Id,
                    Severity.High,
                    $"The key switch is still UPDATING {Elapsed(followUp)} after it was first seen so, and the guard has stopped re-checking. "
                    + "Identity Center keeps the previous key until the switch finishes.")],
                Severity.High,
                (IReadOnlyList<string>)["Ask AWS Support why the switch does not finish; meanwhile keep the previous key enabled and its policy intact."]),
            { Status: EncryptionStatus.Updating } => (
                "Identity Center is switching its encryption key",
                [],
                Severity.Medium,
                ["The switch is still UPDATING: check again with aws sso-admin describe-instance until it shows ENABLED or UPDATE_FAILED. "
                    + "Keep the previous key enabled and its policy intact until then."]),
            { KeyType: EncryptionKeyType.AwsOwnedKmsKey } => (
                "Identity Center switched to an AWS owned key",
                couldHaveSwitched && configuration.RequireCustomerManagedKey
                    ? [KeyStateRules.Violation(
                        RuleCatalog.EncryptionApproved,
                        "Identity Center now encrypts with an AWS owned key: the customer managed key no longer protects its identity data, "
                        + "and key-policy controls and CloudTrail records of key use are gone.")]
                    : [],
                Severity.High,
                []),
            { UsesCustomerManagedKey: true } =>
                await CustomerManagedKeyAsync(guardEvent, instance, encryption.KmsKeyArn!, configuration, cancellationToken).ConfigureAwait(false),
            _ => ("Identity Center reports an unknown encryption configuration", [], Severity.Medium, []),
        };
        findings = findings.Where(f => gate.IsOn(RuleCatalog.Get(f.RuleId))).ToList();

        // A Region added without a usable replica cannot serve sign-in there: the replicas are checked at once.
        if (guardEvent.Trigger == Trigger.IdentityCenterRegionChanged && encryption.UsesCustomerManagedKey)
        {
            var audit = await auditor.AuditAsync(instance, configuration, cancellationToken).ConfigureAwait(false);
            foreach (var replica in audit.Keys.Where(k => k.Role == Auditing.KeyRole.Replica))
            {
                // Judged in full here, as the sweep would: remembered so that the next sweep does not announce it again.
                await incidents.RememberJudgedAsync(
                    IncidentScope.ForKey(replica.Arn), replica.Findings, configuration.SweepRepeatAfter, cancellationToken).ConfigureAwait(false);
            }

            var replicas = audit.Keys
                .Where(k => k.Role == Auditing.KeyRole.Replica)
                .SelectMany(k => k.Findings)
                .Where(f => f.Severity >= Severity.Medium)
                .ToList();
            if (replicas.Count > 0)
            {
                findings = [.. findings, .. replicas];
                headline = Headlines.For(replicas.OrderByDescending(f => f.Severity).First(), AlertOutcome.Alerted);
            }
        }

        if (findings.Count == 0 && earlier is null && options.IsGuard(guardEvent.Actor))
        {
            return KeyReviewResult.Quiet(
                Disposition.Verified,
                $"the guard's own {guardEvent.EventName} left encryption {encryption.Status}") with
            {
                Updating = updating,
            };
        }

        if (findings.Count == 0 && earlier is null && !couldHaveSwitched)
        {
            return KeyReviewResult.Quiet(
                Disposition.Healthy,
                $"{guardEvent.EventName} did not change encryption, and {encryption.Describe()} is healthy") with
            {
                Updating = updating,
            };
        }

        var parts = new KeyReviewParts(findings);
        if (findings.Any(f => f.RuleId == RuleCatalog.EncryptionApproved.Id))
        {
            parts = await remediator.SwitchBackAsync(parts, guardEvent, instance, gate, cancellationToken).ConfigureAwait(false);
            if (parts.Verification is { Passed: true })
            {
                headline = "Identity Center left its approved key; the guard switched it back";
            }
            else if (parts.Verification is { Passed: false })
            {
                headline = "Identity Center left its approved key; the guard could not switch it back";
            }
        }

        if (earlier is not null)
        {
            earlier = await gate.Changes.SettleLateAsync(earlier, cancellationToken).ConfigureAwait(false);
            parts = parts.WithEarlierWork(earlier, encryption.Status.ToString());
            if (parts.Outcome == AlertOutcome.Fixed)
            {
                headline = "Identity Center left its approved key; the guard switched it back";
            }
        }

        var draft = new AlertDraft(guardEvent, AlertSubject.ForInstance(instance.InstanceArn, encryption.KmsKeyArn, encryption.KmsKeyArn?.Region))
        {
            Headline = headline,
            WhatHappened = $"{narration} {now}",
            Outcome = parts.Outcome,
            Findings = parts.Findings,
            Steps = parts.Steps,
            Verification = parts.Verification,
            ExtraNextSteps = extra,
            NotificationSeverity = severity,
            NotificationRule = RuleCatalog.EncryptionApproved.Id,
        };
        return new KeyReviewResult(Disposition.Alerted, headline, draft) { Updating = updating };
    }

    private string Elapsed(FollowUp followUp)
    {
        var elapsed = time.GetUtcNow() - followUp.Since;
        return elapsed < TimeSpan.FromMinutes(2) ? $"{Math.Max(0, (int)elapsed.TotalSeconds)} s" : $"{(int)elapsed.TotalMinutes} min";
    }

    // A switch to another customer managed key is news, and the new key must be checked at once: Identity
    // Center validated it only at this moment and never will again.
    private async Task<(string, IReadOnlyList<Finding>, Severity, IReadOnlyList<string>)> CustomerManagedKeyAsync(
        GuardEvent guardEvent,
        IdentityCenterInstance instance,
        KeyArn key,
        GuardConfiguration configuration,
        CancellationToken cancellationToken)
    {
        var snapshot = await keys.DescribeKeyAsync(key, cancellationToken).ConfigureAwait(false);
        var findings = new List<Finding>(KeyStateRules.Evaluate(snapshot, key));
        if (snapshot is not null)
        {
            findings.AddRange(KeySpecRules.Evaluate(snapshot, instance));
            var policy = await policyReview.ReviewAsync(
                guardEvent,
                new ProtectedKey(instance, key, key),
                configuration,
                gate: null,
                cancellationToken).ConfigureAwait(false);
            findings.AddRange(policy.Findings);
        }

        if (!configuration.Approves(key))
        {
            findings.Add(KeyStateRules.Violation(
                RuleCatalog.EncryptionApproved,
                $"Identity Center now uses {key}, which is not on the approved list ({string.Join(", ", configuration.ApprovedKeys)})."));
        }

        var confirm = $"Confirm with the Identity Center owners that the switch to {key} was intended. The guard now protects this key.";
        return findings.Any(f => f.Severity >= Severity.High)
            ? ("Identity Center switched to a key that cannot serve it", findings, findings.Max(f => f.Severity), [])
            : ("Identity Center switched to another customer managed key", findings, Severity.Medium, [confirm]);
    }
}
