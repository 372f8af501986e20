namespace IdcKmsGuard.Core.Alerts;

/// <summary>What a message is, as the <c>kind</c> message attribute says it.</summary>
public enum AlertKind
{
    /// <summary>A violation on a key, replica or Identity Center instance.</summary>
    Alert,

    /// <summary>Nothing needed doing: an incident resolved, a healthy change noted.</summary>
    Notice,

    /// <summary>The guard cannot do its job: its alarm path or its access to the key is broken.</summary>
    Alarm,

    /// <summary>Someone changed the guard itself: its configuration.</summary>
    Tamper,
}

/// <summary>
/// The two questions a subscription filter asks of every message: what kind it is, and whether a person must act now.
/// A pager that keeps <c>action_required = true</c> keeps every outage, whatever the guard's mode (dry run, exempt).
/// </summary>
public static class AlertRouting
{
    /// <summary>
    /// True when a person must act now to keep or restore Identity Center's access or the guard's protection: the guard
    /// failed, or a high or critical violation stays open (alerted only, dry run, exempt).
    /// </summary>
    public static bool ActionRequired(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return alert.Outcome == AlertOutcome.Failed
            || (alert.Outcome is AlertOutcome.Alerted or AlertOutcome.DryRun or AlertOutcome.Exempt
                && alert.Findings.Any(f => !f.Resolved && f.Severity >= Severity.High));
    }

    public static AlertKind KindOf(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return alert.RuleId switch
        {
            "GUARD-ALERT-PATH" or "GUARD-ACCESS" => AlertKind.Alarm,
            "GUARD-CONFIG" or "GUARD-CONFIG-CHANGED" => AlertKind.Tamper,
            _ => alert.Outcome == AlertOutcome.None ? AlertKind.Notice : AlertKind.Alert,
        };
    }

    public static string Name(AlertKind kind) => kind.ToString().ToLowerInvariant();
}
