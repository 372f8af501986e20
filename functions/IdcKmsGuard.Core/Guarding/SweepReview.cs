using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Auditing;
using IdcKmsGuard.Core.Events;
using IdcKmsGuard.Core.IdentityCenter;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.Rules;
using IdcKmsGuard.Core.State;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>
/// The scheduled sweep's checks: the auditor reads every instance, its key and each Region's replica; every key that
/// exists then goes through the same review (and remediation) as an event about it would.
/// </summary>
internal sealed class SweepReview(Auditor auditor, KeyReview keyReview, KeyInUseTracker keysInUse, TimeProvider time)
{
    // Checked by the auditor only: the key review does not look at these.
    private static readonly HashSet<string> AuditOnlyRules = new(StringComparer.Ordinal) { RuleCatalog.KeySpec.Id, RuleCatalog.GuardAccess.Id };

    /// <param name="judged">Called with each scope as soon as it is reviewed (and perhaps repaired), so that its alert
    /// goes out before the next scope can fail the sweep.</param>
    /// <returns>How many scopes were judged.</returns>
    public async Task<int> ReviewAsync(GuardEvent sweep, RemediationGate gate, Func<SweepScope, Task> judged, CancellationToken cancellationToken)
    {
        var readAt = time.GetUtcNow();
        var report = await auditor.AuditAsync(gate.Configuration, cancellationToken).ConfigureAwait(false);
        var count = 0;
        foreach (var audit in report.Instances)
        {
            var previous = await PreviousKeyAsync(audit.Instance, readAt, cancellationToken).ConfigureAwait(false);
            await judged(new SweepScope(
                IncidentScope.ForInstance(audit.Instance.InstanceArn),
                audit.Findings,
                audit.Findings.Count == 0 ? null : AuditDrafts.ForInstance(sweep, audit))).ConfigureAwait(false);
            count++;
            foreach (var key in audit.Keys)
            {
                await judged(await KeyScopeAsync(sweep, audit, key, gate, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
                count++;
            }

            if (previous is not null)
            {
                var previousKey = new ProtectedKey(audit.Instance, previous, previous);
                var scope = await GuardedAsync(sweep, gate, previous, () => keyReview.ReviewAsync(sweep, previousKey, gate, cancellationToken), [], [])
                    .ConfigureAwait(false);
                await judged(scope).ConfigureAwait(false);
                count++;
            }
        }

        return count;
    }

    // ENABLED: remember the key. Mid-switch or after a failed one: the remembered key is the one still in use, and is
    // kept healthy like the key DescribeInstance names.
    private async Task<KeyArn?> PreviousKeyAsync(IdentityCenterInstance instance, DateTimeOffset readAt, CancellationToken cancellationToken)
    {
        await keysInUse.RememberIfEnabledAsync(instance, readAt, cancellationToken).ConfigureAwait(false);
        return await keysInUse.PreviousAsync(instance, cancellationToken).ConfigureAwait(false);
    }

    // A key whose review cannot finish (its Region unreachable, throttled) is reported as not checked, with everything
    // the audit found on it; the others go on. A failure likely to pass waits for the sweep's retry instead, unless
    // no retry is left.
    private static async Task<SweepScope> GuardedAsync(
        GuardEvent sweep,
        RemediationGate gate,
        KeyArn key,
        Func<Task<KeyReviewResult>> review,
        IReadOnlyList<Finding> alsoFound,
        IReadOnlyList<Finding> audited)
    {
        try
        {
            var result = await review().ConfigureAwait(false);
            if (result.Draft is not { } draft)
            {
                return new SweepScope(IncidentScope.ForKey(key), alsoFound, null);
            }

            List<Finding> findings = [.. draft.Findings, .. alsoFound.Where(f => !draft.Findings.Contains(f))];
            var merged = draft with { Findings = findings };

            // The outcome speaks of the alert's first finding: one the audit added, the guard did nothing about.
            if (findings.OrderByDescending(f => f.Severity).ThenBy(f => f.Resolved).First() is var primary && !draft.Findings.Contains(primary))
            {
                merged = merged with { Outcome = AlertOutcome.Alerted, Headline = Headlines.For(primary, AlertOutcome.Alerted) };
            }

            return new SweepScope(IncidentScope.ForKey(key), findings, merged) { Told = result.Told };
        }
        catch (Errors.AwsCallException e) when (e.IsTransient && !gate.Changes.IsLastAttempt)
        {
            gate.Changes.NoteTransient($"{e.Operation} on {key}: {e.ErrorCode}");
            return new SweepScope(IncidentScope.ForKey(key), audited, null) { Deferred = true, Failed = true };
        }
        catch (Errors.AwsCallException e)
        {
            var finding = KeyStateRules.Violation(
                RuleCatalog.GuardAccess,
                $"The sweep could not finish checking {key}: {e.Operation} failed after retries ({e.ErrorCode}: {e.ErrorMessage}). "
                + "It tries again at the next sweep.");
            List<Finding> findings = [finding, .. audited, .. alsoFound.Where(f => !audited.Contains(f))];
            var earlier = gate.Changes.Journal.For(key.ToString()) is { Reported: false } journaled
                ? journaled.Changes.Select(Delivery.ChangeJournal.ToStep).ToList()
                : [];
            var draft = new AlertDraft(sweep, AlertSubject.ForKey(key))
            {
                Headline = Headlines.For(findings.OrderByDescending(f => f.Severity).First(), AlertOutcome.Failed),
                WhatHappened = AlertComposer.Narrate(sweep, $"the key {key}"),
                Outcome = AlertOutcome.Failed,
                Findings = findings,
                Steps = earlier,
            };
            return new SweepScope(IncidentScope.ForKey(key), findings, draft) { Failed = true };
        }
    }

    // Whatever path judged the key, what an earlier attempt at this sweep changed on it is part of its alert: a key
    // the audit now finds healthy (or cannot read) was still repaired, and someone must be told.
    private async Task<SweepScope> KeyScopeAsync(
        GuardEvent sweep,
        InstanceAudit audit,
        AuditedKey key,
        RemediationGate gate,
        CancellationToken cancellationToken)
    {
        var judged = await JudgeKeyAsync(sweep, audit, key, gate, cancellationToken).ConfigureAwait(false);
        if (judged.Deferred)
        {
            return judged;
        }

        ScopeJournal? earlier;
        try
        {
            earlier = await gate.Changes.EarlierWorkAsync(judged.Scope.Arn, cancellationToken).ConfigureAwait(false);
        }
        catch (Errors.AwsCallException e) when (e.IsTransient)
        {
            gate.Changes.NoteTransient($"{e.Operation} on {key.Arn}: {e.ErrorCode}");
            return judged with { Draft = null, Deferred = true, Failed = true };
        }

        if (earlier is not { Changes.Count: > 0 } || (judged.Draft is null && earlier.Findings.Count == 0))
        {
            return judged;
        }

        var draft = judged.Draft ?? AuditDrafts.ForKey(sweep, audit, key, earlier.Findings) with { Outcome = AlertOutcome.None };
        var parts = new KeyReviewParts(judged.Draft?.Findings ?? []) { Steps = draft.Steps };
        parts = judged.Failed
            ? parts.With(earlier.Findings.Where(f => !parts.Findings.Contains(f))) with
            {
                Steps = [.. earlier.Changes.Select(Delivery.ChangeJournal.ToStep), .. draft.Steps],
            }
            : parts.WithEarlierWork(earlier, key.Snapshot?.State.ToString());
        var outcome = judged.Failed ? AlertOutcome.Failed : parts.Outcome;
        var merged = draft with
        {
            Headline = Headlines.For(parts.Primary!, outcome),
            Outcome = outcome,
            Findings = parts.Findings,
            Steps = parts.Steps,
            Verification = parts.Verification ?? draft.Verification,
            Subject = draft.Subject with { StateBefore = earlier.StateBefore ?? draft.Subject.StateBefore },
        };
        return judged with { Findings = parts.Findings, Draft = merged };
    }

    private async Task<SweepScope> JudgeKeyAsync(
        GuardEvent sweep,
        InstanceAudit audit,
        AuditedKey key,
        RemediationGate gate,
        CancellationToken cancellationToken)
    {
        var scope = IncidentScope.ForKey(key.Arn);

        // A read that failed but may pass: the sweep's retry judges the key (the last attempt reports it as it is).
        if (key.Failures.Any(f => f.IsTransient) && !gate.Changes.IsLastAttempt)
        {
            gate.Changes.NoteTransient(string.Join("; ", key.Failures.Select(f => $"{f.Operation} on {key.Arn}: {f.ErrorCode}")));
            return new SweepScope(scope, key.Findings, null) { Deferred = true, Failed = true };
        }

        Saw(gate, key);
        if (key.Snapshot is null)
        {
            return new SweepScope(scope, key.Findings, key.Findings.Count == 0 ? null : AuditDrafts.ForKey(sweep, audit, key, key.Findings));
        }

        // A healthy key is not read twice: the key review (which remediates) runs only where the audit found something.
        var auditOnly = key.Findings.Where(f => AuditOnlyRules.Contains(f.RuleId)).ToList();
        if (auditOnly.Count == key.Findings.Count)
        {
            return new SweepScope(scope, auditOnly, auditOnly.Count == 0 ? null : AuditDrafts.ForKey(sweep, audit, key, auditOnly));
        }

        // After a failed switch Identity Center does not use the key it names: reported, never repaired (someone
        // may be retiring it on purpose).
        if (audit.Instance.Encryption.Status == EncryptionStatus.UpdateFailed)
        {
            return new SweepScope(scope, key.Findings, key.Findings.Count == 0 ? null : AuditDrafts.ForKey(sweep, audit, key, key.Findings));
        }

        var scoped = await GuardedAsync(
            sweep,
            gate,
            key.Arn,
            () => keyReview.ReviewAsync(
                sweep,
                new ProtectedKey(audit.Instance, audit.Instance.Encryption.KmsKeyArn!, key.Arn),
                gate,
                cancellationToken),
            auditOnly,
            key.Findings).ConfigureAwait(false);
        return scoped.Draft is null && auditOnly.Count > 0 ? scoped with { Draft = AuditDrafts.ForKey(sweep, audit, key, auditOnly) } : scoped;
    }

    // What the audit read is a look at the key, whether or not the key review follows: the key's memory needs every one.
    private static void Saw(RemediationGate gate, AuditedKey key)
    {
        if (key.Snapshot is { } snapshot)
        {
            gate.Causes.Saw(key.Arn, KeySubjects.State, KeySubjects.StateValue(snapshot.State));
        }

        if (key.RotationEnabled is { } rotating)
        {
            gate.Causes.Saw(key.Arn, KeySubjects.Rotation, KeySubjects.RotationValue(rotating));
        }

        if (key.PolicyText is { } policy)
        {
            gate.Causes.Saw(key.Arn, KeySubjects.Policy, KeySubjects.PolicyValue(policy));
        }
    }
}
