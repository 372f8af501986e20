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
        var found = key.Snapshot?.State.ToString();
        return new AlertDraft(guardEvent, AlertSubject.ForKey(key.Arn, audit.Instance.InstanceArn) with { StateBefore = found, StateAfter = found })
        {
            Headline = Headlines.For(primary, AlertOutcome.Alerted),
            WhatHappened = $"{AlertComposer.Narrate(guardEvent, subject)} {state}",
            Outcome = AlertOutcome.Alerted,
            Findings = findings,
        };
    }

    public static AlertDraft ForInstance(GuardEvent guardEvent, InstanceAudit audit)
    {
        var primary = audit.Findings.OrderByDescending(f => f.Severity).First();
        var instance = audit.Instance;
        return new AlertDraft(guardEvent, AlertSubject.ForInstance(instance.InstanceArn, instance.Encryption.KmsKeyArn, instance.PrimaryRegion))
        {
            Headline = Headlines.For(primary, AlertOutcome.Alerted),
            WhatHappened = string.Join(
                " ",
                [
                    AlertComposer.Narrate(guardEvent, $"Identity Center's encryption configuration ({instance.InstanceArn})"),
                    $"It uses {instance.Encryption.Describe()}.",
                    .. audit.Notes,
                ]),
            Outcome = AlertOutcome.Alerted,
            Findings = audit.Findings,
        };
    }
}
