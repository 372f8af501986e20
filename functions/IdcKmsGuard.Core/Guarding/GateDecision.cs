using IdcKmsGuard.Core.Alerts;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>Whether the guard may remediate one rule's violation now, and if not, why (for a "skipped" step).</summary>
/// <param name="SkippedOutcome">The outcome to report when skipped: Alerted (mode), DryRun or Exempt.</param>
internal sealed record GateDecision(bool Allowed, AlertOutcome SkippedOutcome, string Reason)
{
    /// <summary>What the gate itself found wrong while deciding (it could not read the key's tags), for the alert.</summary>
    public Finding? Finding { get; init; }

    public static GateDecision Allow { get; } = new(true, AlertOutcome.None, string.Empty);

    public static GateDecision Skip(AlertOutcome outcome, string reason) => new(false, outcome, reason);
}
