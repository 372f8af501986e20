using IdcKmsGuard.Core.Policy.Evaluation;
using IdcKmsGuard.Core.Policy.Model;
using IdcKmsGuard.Core.Policy.Requirements;

namespace IdcKmsGuard.Core.Policy.Findings;

/// <summary>Checks a key policy against every request Identity Center makes, plus the policy's own safety.</summary>
public static class PolicyChecker
{
    public static PolicyReport Check(KeyPolicy policy, IdentityCenterFacts facts)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(facts);
        var outcomes = RequiredRequestCatalog.For(facts).Select(r => new RequestOutcome(r, PolicyEvaluator.Evaluate(policy, r.Request))).ToList();
        var findings = new List<PolicyFinding>();
        findings.AddRange(AccessFindings.For(outcomes));
        findings.AddRange(LockoutCheck.For(policy, facts));
        findings.AddRange(PublicAccessCheck.For(policy));
        findings.AddRange(ContextScopeCheck.For(outcomes));
        findings.AddRange(SetOperatorCheck.For(policy));
        findings.AddRange(ServiceNameCheck.For(policy, outcomes));
        findings.AddRange(ResourceVariableCheck.For(policy));
        return new PolicyReport(findings.OrderByDescending(f => f.Severity).ToList(), outcomes);
    }
}
