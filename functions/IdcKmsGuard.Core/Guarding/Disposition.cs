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
}
