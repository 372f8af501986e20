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
internal sealed class SweepReview(Auditor auditor, KeyReview keyReview, IGuardStateStore state, TimeProvider time)
{
    // Checked by the auditor only: the key review does not look at these.
    private static readonly HashSet<string> AuditOnlyRules = new(StringComparer.Ordinal) { RuleCatalog.KeySpec.Id, RuleCatalog.GuardAccess.Id };

    public async Task<IReadOnlyList<SweepScope>> ReviewAsync(GuardEvent sweep, RemediationGate gate, CancellationToken cancellationToken)
    {
        var report = await auditor.AuditAsync(gate.Configuration, cancellationToken).ConfigureAwait(false);
        var scopes = new List<SweepScope>();
        foreach (var audit in report.Instances)
        {
            scopes.Add(new SweepScope(audit.Instance.InstanceArn, audit.Findings, audit.Findings.Count == 0 ? null : InstanceDraft(sweep, audit)));
            foreach (var key in audit.Keys)
            {
                scopes.Add(await KeyScopeAsync(sweep, audit, key, gate, cancellationToken).ConfigureAwait(false));
            }

            if (await PreviousKeyScopeAsync(sweep, audit, gate, cancellationToken).ConfigureAwait(false) is { } previous)
            {
                scopes.Add(previous);
            }
        }

        return scopes;
    }

    // ENABLED: remember the key. Mid-switch or after a failed one: the remembered key is the one still in use, and is
    // kept healthy like the key DescribeInstance names.
    private async Task<SweepScope?> PreviousKeyScopeAsync(GuardEvent sweep, InstanceAudit audit, RemediationGate gate, CancellationToken cancellationToken)
    {
        var instance = audit.Instance;
        if (instance.Encryption is { UsesCustomerManagedKey: true, Status: EncryptionStatus.Enabled })
        {
            await state.SaveKeyInUseAsync(new KeyInUse(instance.InstanceArn, instance.Encryption.KmsKeyArn!.ToString(), time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            return null;
        }

        if (instance.Encryption.Status is not (EncryptionStatus.Updating or EncryptionStatus.UpdateFailed)
            || await state.GetKeyInUseAsync(instance.InstanceArn, cancellationToken).ConfigureAwait(false) is not { } seen
            || !KeyArn.TryParse(seen.KeyArn, out var previous)
            || previous == instance.Encryption.KmsKeyArn)
        {
            return null;
        }

        var review = await keyReview.ReviewAsync(sweep, new ProtectedKey(instance, previous, previous), gate, cancellationToken).ConfigureAwait(false);
        return new SweepScope(previous.ToString(), review.Draft?.Findings ?? [], review.Draft);
    }

    private async Task<SweepScope> KeyScopeAsync(GuardEvent sweep, InstanceAudit audit, AuditedKey key, RemediationGate gate, CancellationToken cancellationToken)
    {
        var scope = key.Arn.ToString();
        if (key.Snapshot is null)
        {
            return new SweepScope(scope, key.Findings, key.Findings.Count == 0 ? null : KeyDraft(sweep, audit, key, key.Findings));
        }

        // A healthy key is not read twice: the key review (which remediates) runs only where the audit found something.
        var auditOnly = key.Findings.Where(f => AuditOnlyRules.Contains(f.RuleId)).ToList();
        if (auditOnly.Count == key.Findings.Count)
        {
            return new SweepScope(scope, auditOnly, auditOnly.Count == 0 ? null : KeyDraft(sweep, audit, key, auditOnly));
        }

        var review = await keyReview.ReviewAsync(sweep, new ProtectedKey(audit.Instance, audit.Instance.Encryption.KmsKeyArn!, key.Arn), gate, cancellationToken).ConfigureAwait(false);
        if (review.Draft is not { } draft)
        {
            return new SweepScope(scope, auditOnly, auditOnly.Count == 0 ? null : KeyDraft(sweep, audit, key, auditOnly));
        }

        List<Finding> findings = [.. draft.Findings, .. auditOnly.Where(f => !draft.Findings.Contains(f))];
        return new SweepScope(scope, findings, draft with { Findings = findings });
    }

    /// <summary>An alert about findings the auditor made on one key (no remediation: the key review does that).</summary>
    internal static AlertDraft KeyDraft(GuardEvent sweep, InstanceAudit audit, AuditedKey key, IReadOnlyList<Finding> findings)
    {
        var primary = findings.OrderByDescending(f => f.Severity).First();
        var subject = key.Role == KeyRole.Replica ? $"the replica of Identity Center's key in {key.Region} ({key.Arn})" : $"the key Identity Center uses ({key.Arn})";
        var state = key.Snapshot is null ? "It does not exist there." : $"It is {key.Snapshot.State}.";
        return new AlertDraft(
            Event: sweep,
            Headline: Headlines.For(primary, AlertOutcome.Alerted),
            WhatHappened: $"{AlertComposer.Narrate(sweep, subject)} {state}",
            Outcome: AlertOutcome.Alerted,
            Findings: findings,
            Steps: [],
            Verification: null,
            KeyArn: key.Arn.ToString(),
            KeyRegion: key.Region,
            KeyStateBefore: key.Snapshot?.State.ToString(),
            KeyStateAfter: key.Snapshot?.State.ToString(),
            InstanceArn: audit.Instance.InstanceArn,
            ExtraNextSteps: []);
    }

    private static AlertDraft InstanceDraft(GuardEvent sweep, InstanceAudit audit)
    {
        var primary = audit.Findings.OrderByDescending(f => f.Severity).First();
        return new AlertDraft(
            Event: sweep,
            Headline: Headlines.For(primary, AlertOutcome.Alerted),
            WhatHappened: string.Join(" ", [AlertComposer.Narrate(sweep, $"Identity Center's encryption configuration ({audit.Instance.InstanceArn})"), $"It uses {audit.Instance.Encryption.Describe()}.", .. audit.Notes]),
            Outcome: AlertOutcome.Alerted,
            Findings: audit.Findings,
            Steps: [],
            Verification: null,
            KeyArn: audit.Instance.Encryption.KmsKeyArn?.ToString(),
            KeyRegion: audit.Instance.PrimaryRegion,
            KeyStateBefore: null,
            KeyStateAfter: null,
            InstanceArn: audit.Instance.InstanceArn,
            ExtraNextSteps: []);
    }
}

/// <summary>One thing the sweep judged: a key, a replica or an instance, its findings after any remediation, and
/// the alert to send if its state changed.</summary>
internal sealed record SweepScope(string Scope, IReadOnlyList<Finding> Findings, AlertDraft? Draft);
