using IdcKmsGuard.Core.Alerts;

namespace IdcKmsGuard.Core.Auditing;

/// <summary>A read-only audit of every visible Identity Center instance.</summary>
public sealed record AuditReport(IReadOnlyList<InstanceAudit> Instances, DateTimeOffset At)
{
    /// <summary>The most severe open finding, or null when there is none.</summary>
    public Severity? Worst => Instances.SelectMany(i => i.AllFindings).Select(f => (Severity?)f.Severity).Max();

    /// <summary>Healthy: no finding at or above the threshold (critical by default: Identity Center can serve).</summary>
    public bool IsHealthy(Severity threshold = Severity.Critical) => Worst is not { } worst || worst < threshold;
}
