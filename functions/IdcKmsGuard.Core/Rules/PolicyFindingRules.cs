using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Policy.Findings;

namespace IdcKmsGuard.Core.Rules;

/// <summary>Which rule each finding of the policy engine belongs to.</summary>
public static class PolicyFindingRules
{
    /// <summary>
    /// Policy findings as alert findings: critical access and statements IAM reads otherwise than written under KEY-POLICY-HEALTHY, lock-out and public under
    /// KEY-POLICY-SAFE; administrator, application, extra-requirement and scoping findings keep their own ids.
    /// </summary>
    public static IReadOnlyList<Finding> Findings(PolicyReport report)
    {
        var findings = report.Findings
            .Select(f =>
            {
                var rule = f.Id switch
                {
                    PolicyFindingIds.AdminLockout or PolicyFindingIds.Public => RuleCatalog.KeyPolicySafe.Id,
                    PolicyFindingIds.SetOperatorMissing or PolicyFindingIds.ServiceName or PolicyFindingIds.ResourceVariable
                        => RuleCatalog.KeyPolicyHealthy.Id,
                    PolicyFindingIds.AdminAccess or PolicyFindingIds.AppAccess or PolicyFindingIds.ContextScope or PolicyFindingIds.ExtraAccess => f.Id,
                    _ => RuleCatalog.KeyPolicyHealthy.Id,
                };

                // The engine's finding id is worth naming only where the rule's id does not already say it.
                var prefix = rule == f.Id ? string.Empty : $"{f.Id}: ";
                var statements = f.Statements.Count == 0 ? string.Empty : $" (statements {string.Join(", ", f.Statements)})";
                return new Finding(rule, f.Severity, prefix + f.Message + statements);
            })
            .ToList();

        // Low findings are advice: worth a line in an alert, not an alert of their own.
        return findings.All(f => f.Severity == Severity.Low) ? [] : findings;
    }
}
