using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Auditing;
using IdcKmsGuard.Core.IdentityCenter;

namespace IdcKmsGuard.Core.Switching;

/// <summary>What the audit says about the key Identity Center would switch to, before anything changes.</summary>
/// <param name="Audit">The instance as it would be with the new key: the key and a replica in each Identity Center Region.</param>
/// <param name="Blocking">High and critical findings: switching would lock people out, or use a key that cannot serve.</param>
/// <param name="Warnings">Findings worth fixing that do not stop the switch.</param>
public sealed record SwitchPreflight(IdentityCenterInstance Current, InstanceAudit Audit, IReadOnlyList<Finding> Blocking, IReadOnlyList<Finding> Warnings)
{
    public bool Passed => Blocking.Count == 0;
}
