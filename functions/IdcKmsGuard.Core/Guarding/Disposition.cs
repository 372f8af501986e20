namespace IdcKmsGuard.Core.Guarding;

public enum Disposition
{
    /// <summary>Not an event the guard acts on, or about a key Identity Center does not use.</summary>
    Ignored,

    /// <summary>Re-read, found healthy, no alert.</summary>
    Healthy,

    /// <summary>The guard's own change, re-read and found as intended: no alert.</summary>
    Verified,

    /// <summary>An alert was published.</summary>
    Alerted,

    /// <summary>The event was handled already (at-least-once delivery), or is being handled right now.</summary>
    Duplicate,

    /// <summary>The alert repeats one sent within the repeat window: counted, not sent.</summary>
    Suppressed,

    /// <summary>Identity Center's key switch is still UPDATING: a re-check is scheduled, the alert comes with its outcome.</summary>
    FollowUpScheduled,
}
