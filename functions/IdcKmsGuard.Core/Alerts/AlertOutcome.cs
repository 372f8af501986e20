namespace IdcKmsGuard.Core.Alerts;

/// <summary>What the guard achieved, as the `outcome` message attribute says it.</summary>
public enum AlertOutcome
{
    /// <summary>Nothing needed doing: a notification.</summary>
    None,

    /// <summary>Every violation was remediated and the re-read state confirms it.</summary>
    Fixed,

    /// <summary>A remediation step failed, or verification after it did not pass.</summary>
    Failed,

    /// <summary>Violations remain; the guard did not act (remediation off, or nothing it may do).</summary>
    Alerted,

    /// <summary>Dry run: the alert says what the guard would have done.</summary>
    DryRun,

    /// <summary>The actor or the key is exempt from remediation: reported, not undone.</summary>
    Exempt,
}
