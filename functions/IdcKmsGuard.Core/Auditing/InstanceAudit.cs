using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.IdentityCenter;

namespace IdcKmsGuard.Core.Auditing;

/// <summary>Everything the audit found about one Identity Center instance and the keys it needs.</summary>
/// <param name="Findings">Findings about the instance itself (its encryption configuration).</param>
/// <param name="Notes">Facts worth a line that are not violations (a switch still UPDATING, an AWS owned key allowed).</param>
public sealed record InstanceAudit(
    IdentityCenterInstance Instance,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<AuditedKey> Keys,
    IReadOnlyList<string> Notes)
{
    public IEnumerable<Finding> AllFindings => Findings.Concat(Keys.SelectMany(k => k.Findings));
}
