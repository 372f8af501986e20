using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Auditing;
using IdcKmsGuard.Core.Events;
using IdcKmsGuard.Core.IdentityCenter;
using IdcKmsGuard.Core.Rules;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>Alerts about what the auditor found on an instance or one of its keys (no remediation: the reviews do that).</summary>
internal static class AuditDrafts
{
    /// <summary>An alert about findings the auditor made on one key (no remediation: the key review does that).</summary>
    public static AlertDraft ForKey(GuardEvent guardEvent, InstanceAudit audit, AuditedKey key, IReadOnlyList<Finding> findings)
    {
        var primary = findings.OrderByDescending(f => f.Severity).First();
        var subject = (key.Role, audit.Instance.Encryption.Status) switch
        {
            (KeyRole.Replica, _) => $"the replica of Identity Center's key in {key.Region} ({key.Arn})",
            (_, EncryptionStatus.UpdateFailed) => $"the key the failed switch requested ({key.Arn})",
            _ => $"the key Identity Center uses ({key.Arn})",
        };
        var state = key.Snapshot is not null ? $"It is {key.Snapshot.State}."
            : key.Findings.Any(f => f.RuleId == RuleCatalog.GuardAccess.Id) ? "It could not be read."
            : "It does not exist there.";
        return new AlertDraft(
            Event: guardEvent,
            Headline: Headlines.For(primary, AlertOutcome.Alerted),
            WhatHappened: $"{AlertComposer.Narrate(guardEvent, subject)} {state}",
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

    public static AlertDraft ForInstance(GuardEvent guardEvent, InstanceAudit audit)
    {
        var primary = audit.Findings.OrderByDescending(f => f.Severity).First();
        return new AlertDraft(
            Event: guardEvent,
            Headline: Headlines.For(primary, AlertOutcome.Alerted),
            WhatHappened: string.Join(
                " ",
                [
                    AlertComposer.Narrate(guardEvent, $"Identity Center's encryption configuration ({audit.Instance.InstanceArn})"),
                    $"It uses {audit.Instance.Encryption.Describe()}.",
                    .. audit.Notes,
                ]),
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
