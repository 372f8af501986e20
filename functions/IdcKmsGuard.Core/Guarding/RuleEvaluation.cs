namespace IdcKmsGuard.Core.Guarding;

public enum RuleStatus
{
    Ok,
    Violated,
    Skipped,
}

/// <summary>One rule the guard evaluated for an event: ok, violated (and what came of it), or skipped (mode off).</summary>
/// <param name="Outcome">none, fixed, failed, alerted, dry-run or exempt (the alert outcome names).</param>
public sealed record RuleEvaluation(string RuleId, Alerts.Severity Severity, RuleStatus Status, string Outcome);
