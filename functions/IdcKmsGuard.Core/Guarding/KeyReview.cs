using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Errors;
using IdcKmsGuard.Core.Events;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.Policy;
using IdcKmsGuard.Core.Ports;
using IdcKmsGuard.Core.Rules;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>Re-reads the key an event concerns, decides, remediates where allowed, and drafts the alert.</summary>
internal sealed class KeyReview(IKeyStore keys, GuardOptions options)
{
    private readonly KeyRemediator remediator = new(keys);

    public async Task<KeyReviewResult> ReviewAsync(GuardEvent guardEvent, ProtectedKey key, CancellationToken cancellationToken)
    {
        KeySnapshot? before;
        try
        {
            before = await keys.DescribeKeyAsync(key.Target, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsCallException e) when (e.IsAccessDenied)
        {
            return Draft(guardEvent, key, Headline(RuleCatalog.GuardAccess.Id, null), GuardCannot("read the key (DescribeKey)", e), before: null, after: null, remediation: null);
        }

        var stateFindings = KeyStateRules.Evaluate(before, key.Target);
        var otherFindings = before is null ? [] : await TriggerSpecificFindingsAsync(guardEvent, before, cancellationToken).ConfigureAwait(false);

        var ownChange = options.IsGuard(guardEvent.Actor);
        if (ownChange)
        {
            List<Finding> all = [.. stateFindings, .. otherFindings];
            return all.Count == 0
                ? KeyReviewResult.Quiet(Guarding.Disposition.Verified, $"the guard's own {guardEvent.EventName} left the key {before?.State} as intended")
                : Draft(guardEvent, key, "The guard's own change left the Identity Center key unhealthy", all, before, null, null);
        }

        if (before is not null && options.RemediationEnabled && KeyStateRules.CanRestore(before))
        {
            var remediation = await remediator.RestoreAsync(before, cancellationToken).ConfigureAwait(false);
            var remaining = remediation.Verification.Passed ? [] : KeyStateRules.Evaluate(remediation.After, key.Target);
            List<Finding> reported = remediation.Verification.Passed
                ? [.. stateFindings.Select(f => f with { Message = "Fixed. " + f.Message }), .. otherFindings]
                : [.. remaining, .. otherFindings];
            return Draft(guardEvent, key, Headline(stateFindings[0].RuleId, remediation), reported, before, remediation.After, remediation, stillViolated: remaining.Count + otherFindings.Count > 0);
        }

        List<Finding> findings = [.. stateFindings, .. otherFindings];
        if (findings.Count > 0)
        {
            return Draft(guardEvent, key, Headline(findings.OrderByDescending(f => f.Severity).First().RuleId, remediation: null), findings, before, null, null);
        }

        return guardEvent.Succeeded
            ? KeyReviewResult.Quiet(Guarding.Disposition.Healthy, $"the key is {before?.State} and passes every check")
            : Draft(
                guardEvent,
                key,
                $"Someone tried {guardEvent.EventName} on the Identity Center key and was refused",
                [KeyStateRules.Violation(RuleCatalog.AttemptDenied, $"{guardEvent.EventName} failed with {guardEvent.ErrorCode}: {guardEvent.ErrorMessage}. The key is still {before?.State}.")],
                before,
                null,
                null);
    }

    private async Task<IReadOnlyList<Finding>> TriggerSpecificFindingsAsync(GuardEvent guardEvent, KeySnapshot key, CancellationToken cancellationToken)
    {
        try
        {
            switch (guardEvent.Trigger)
            {
                case Trigger.KeyPolicyChanged:
                    var policy = await keys.GetKeyPolicyAsync(key.Arn, cancellationToken).ConfigureAwait(false);
                    return PolicyFindings(ServiceAccessCheck.Evaluate(policy)).ToList();
                case Trigger.KeyRotationDisabled when key.MultiRegionRole != "REPLICA":
                    var enabled = await keys.IsRotationEnabledAsync(key.Arn, cancellationToken).ConfigureAwait(false);
                    return enabled ? [] : [KeyStateRules.Violation(RuleCatalog.KeyRotation, "Automatic rotation of the key is turned off.")];
                default:
                    return [];
            }
        }
        catch (AwsCallException e) when (e.IsAccessDenied)
        {
            return GuardCannot($"check the key ({e.Operation})", e);
        }
    }

    private static IEnumerable<Finding> PolicyFindings(ServiceAccessReport report)
    {
        if (report.ParseError is not null)
        {
            yield return KeyStateRules.Violation(RuleCatalog.KeyPolicyHealthy, report.ParseError);
            yield break;
        }

        foreach (var principal in report.Gaps.GroupBy(g => g.Principal, StringComparer.Ordinal))
        {
            var lost = string.Join(", ", principal.Select(g => $"{g.Action} ({g.Reason})"));
            yield return KeyStateRules.Violation(RuleCatalog.KeyPolicyHealthy, $"{principal.Key} can no longer use: {lost}.");
        }
    }

    private static Finding[] GuardCannot(string what, AwsCallException e) =>
        [KeyStateRules.Violation(RuleCatalog.GuardAccess, $"The guard is not allowed to {what}: {e.ErrorCode}: {e.ErrorMessage}. The key's health is unknown.")];

    private static string Headline(string ruleId, KeyRemediation? remediation) => (ruleId, remediation?.Verification.Passed) switch
    {
        ("KEY-NOT-PENDING-DELETION", true) => "Identity Center key was scheduled for deletion; the guard cancelled it",
        ("KEY-NOT-PENDING-DELETION", false) => "Identity Center key is scheduled for deletion; the guard could not stop it",
        ("KEY-NOT-PENDING-DELETION", null) => "Identity Center key is scheduled for deletion",
        ("KEY-ENABLED", true) => "Identity Center key was disabled; the guard re-enabled it",
        ("KEY-ENABLED", false) => "Identity Center key is disabled; the guard could not re-enable it",
        ("KEY-ENABLED", null) => "Identity Center key is disabled: sign-in is down",
        ("KEY-POLICY-HEALTHY", _) => "Identity Center key policy no longer lets Identity Center use the key",
        ("KEY-MATERIAL", _) => "Identity Center key has lost its imported key material",
        ("KEY-DELETED", _) => "Identity Center key was deleted",
        ("KEY-ROTATION", _) => "Automatic rotation was turned off on the Identity Center key",
        ("GUARD-ACCESS", _) => "The guard cannot check the Identity Center key",
        _ => "Identity Center key needs attention",
    };

    private static KeyReviewResult Draft(
        GuardEvent guardEvent,
        ProtectedKey key,
        string headline,
        IReadOnlyList<Finding> findings,
        KeySnapshot? before,
        KeySnapshot? after,
        KeyRemediation? remediation,
        bool stillViolated = true)
    {
        var state = before is null ? "The guard could not read the key." : $"The guard re-read the key: it was {before.State}.";
        var failed = remediation is not null
            && (!remediation.Verification.Passed || remediation.Steps.Any(s => s.Status == StepStatus.Failed));
        var outcome = (failed, remediation, stillViolated) switch
        {
            (true, _, _) => AlertOutcome.Failed,
            (false, not null, false) => AlertOutcome.Fixed,
            _ => AlertOutcome.Alerted,
        };
        var draft = new AlertDraft(
            Event: guardEvent,
            Headline: headline,
            WhatHappened: $"{AlertComposer.Narrate(guardEvent, $"the key Identity Center uses ({key.Target})")} {state}",
            Outcome: outcome,
            Findings: findings,
            Steps: remediation?.Steps ?? [],
            Verification: remediation?.Verification,
            KeyArn: key.Target.ToString(),
            KeyRegion: key.Target.Region,
            KeyStateBefore: before?.State.ToString(),
            KeyStateAfter: after?.State.ToString(),
            InstanceArn: key.Instance.InstanceArn,
            ExtraNextSteps: []);
        return new KeyReviewResult(Guarding.Disposition.Alerted, headline, draft);
    }
}

internal sealed record KeyReviewResult(Disposition Disposition, string Reason, AlertDraft? Draft)
{
    public static KeyReviewResult Quiet(Disposition disposition, string reason) => new(disposition, reason, null);
}
