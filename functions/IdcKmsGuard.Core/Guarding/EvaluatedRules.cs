using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Events;
using IdcKmsGuard.Core.Rules;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>Which rules an event makes the guard evaluate, and how each came out (for replay and the response).</summary>
internal static class EvaluatedRules
{
    private static readonly GuardRule[] KeyState = [RuleCatalog.KeyEnabled, RuleCatalog.KeyNotPendingDeletion, RuleCatalog.KeyMaterial, RuleCatalog.KeyDeleted];

    public static IReadOnlyList<RuleEvaluation> For(GuardEvent guardEvent, GuardConfiguration configuration, Alert? alert)
    {
        var rules = RulesFor(guardEvent, configuration).ToList();
        rules.AddRange((alert?.Findings ?? []).Select(f => RuleCatalog.Get(f.RuleId)).Where(r => !rules.Contains(r)));
        return rules.Select(rule => Evaluate(rule, configuration, alert)).ToList();
    }

    /// <summary>The rules a healthy review of this event really checked: only these may close an open incident.</summary>
    public static IReadOnlySet<string> Checked(GuardEvent guardEvent, GuardConfiguration configuration)
    {
        var rules = RulesFor(guardEvent, configuration).Where(r => configuration.ModeOf(r) != RuleMode.Off).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        if (rules.Contains(RuleCatalog.KeyPolicyHealthy.Id))
        {
            // The policy engine judges every request at once: these come with the policy check.
            rules.UnionWith([RuleCatalog.AdminAccess.Id, RuleCatalog.AppAccess.Id, RuleCatalog.ExtraAccess.Id, RuleCatalog.ContextScope.Id]);
        }

        return rules;
    }

    private static IEnumerable<GuardRule> RulesFor(GuardEvent guardEvent, GuardConfiguration configuration)
    {
        switch (guardEvent.Trigger)
        {
            case Trigger.Unsupported:
                yield break;
            case Trigger.IdentityCenterEncryptionChanged or Trigger.IdentityCenterRegionChanged:
                yield return RuleCatalog.EncryptionStatus;
                yield return RuleCatalog.EncryptionApproved;
                yield break;
        }

        foreach (var rule in KeyState)
        {
            yield return rule;
        }

        if (guardEvent.Trigger is Trigger.KeyReplicated or Trigger.KeyPrimaryRegionChanged)
        {
            yield return RuleCatalog.KeyPolicyHealthy;
            yield return RuleCatalog.KeyPolicySafe;
            yield return RuleCatalog.KeyReplica;
        }

        if (guardEvent.Trigger == Trigger.KeyPolicyChanged)
        {
            yield return RuleCatalog.KeyPolicyHealthy;
            yield return RuleCatalog.KeyPolicySafe;
            if (configuration.ExtraRequirements.Count > 0)
            {
                yield return RuleCatalog.ExtraAccess;
            }
        }

        if (guardEvent.Trigger == Trigger.KeyRotationDisabled)
        {
            yield return RuleCatalog.KeyRotation;
        }

        if (!guardEvent.Succeeded)
        {
            yield return RuleCatalog.AttemptDenied;
        }
    }

    private static RuleEvaluation Evaluate(GuardRule rule, GuardConfiguration configuration, Alert? alert)
    {
        if (configuration.ModeOf(rule) == RuleMode.Off)
        {
            return new RuleEvaluation(rule.Id, rule.Severity, RuleStatus.Skipped, AlertRenderer.Name(AlertOutcome.None));
        }

        var finding = alert?.Findings.Where(f => f.RuleId == rule.Id).OrderBy(f => f.Resolved).FirstOrDefault();
        if (finding is null)
        {
            return new RuleEvaluation(rule.Id, rule.Severity, RuleStatus.Ok, AlertRenderer.Name(AlertOutcome.None));
        }

        var outcome = finding.Resolved ? AlertOutcome.Fixed
            : alert!.RuleId == rule.Id ? alert.Outcome
            : AlertOutcome.Alerted;
        return new RuleEvaluation(rule.Id, finding.Severity, RuleStatus.Violated, AlertRenderer.Name(outcome));
    }
}
