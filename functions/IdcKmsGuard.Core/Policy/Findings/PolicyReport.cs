using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Policy.Evaluation;
using IdcKmsGuard.Core.Policy.Requirements;

namespace IdcKmsGuard.Core.Policy.Findings;

public sealed record RequestOutcome(RequiredRequest Required, PolicyDecision Decision);

/// <summary>What the engine concluded about one policy: healthy when no critical finding remains.</summary>
public sealed record PolicyReport(IReadOnlyList<PolicyFinding> Findings, IReadOnlyList<RequestOutcome> Requests)
{
    public bool IsHealthy => Findings.All(f => f.Severity != Severity.Critical);

    public bool IsLockoutSafe => Findings.All(f => f.Id != PolicyFindingIds.AdminLockout);

    /// <summary>No high or critical finding: the only kind of policy the guard keeps as "last known good" and ever
    /// restores (a public or unadministrable policy is healthy for Identity Center, not good).</summary>
    public bool IsGood => Findings.All(f => f.Severity < Severity.High);
}
