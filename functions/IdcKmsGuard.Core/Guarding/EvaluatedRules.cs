using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Rules;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>How each rule a review considered came out (for replay and the response), and which of them it verified.</summary>
internal static class EvaluatedRules
{
    /// <param name="considered">The rules the review looked at, whatever their mode; the alert's findings are added.</param>
    public static IReadOnlyList<RuleEvaluation> For(RuleSet considered, GuardConfiguration configuration, Alert? alert)
    {
        var found = considered.Union((alert?.Findings ?? []).Select(f => f.RuleId));
        return [.. RuleCatalog.All.Where(rule => found.Contains(rule.Id)).Select(rule => Evaluate(rule, configuration, alert))];
    }

    /// <summary>The rules a healthy review really checked (considered and on): only these may close an open incident.</summary>
    public static RuleSet Verified(RuleSet considered, GuardConfiguration configuration)
    {
        var on = RuleSet.Of(considered.Where(id => RuleCatalog.TryGet(id, out var rule) && configuration.ModeOf(rule) != RuleMode.Off));
        // The policy engine judges every request at once: these come with the policy check.
        return on.Contains(RuleCatalog.KeyPolicyHealthy.Id)
            ? on.Union([RuleCatalog.AdminAccess.Id, RuleCatalog.AppAccess.Id, RuleCatalog.ExtraAccess.Id, RuleCatalog.ContextScope.Id])
            : on;
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
