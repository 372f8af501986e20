using IdcKmsGuard.Core.Policy.Findings;

namespace IdcKmsGuard.Core.Policy.Repair;

/// <param name="PolicyText">The repaired policy, or the original text when nothing could or needed to change.</param>
/// <param name="Changes">Each change in words, in the order made.</param>
/// <param name="Unresolved">Why the result is still unhealthy, when it is (e.g. a blocking Deny that may not be touched).</param>
public sealed record RepairResult(string PolicyText, IReadOnlyList<string> Changes, PolicyReport Before, PolicyReport After, IReadOnlyList<string> Unresolved)
{
    public bool Changed => Changes.Count > 0;

    public bool Succeeded => After.IsHealthy && After.IsLockoutSafe;
}
