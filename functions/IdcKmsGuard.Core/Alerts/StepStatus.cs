namespace IdcKmsGuard.Core.Alerts;

public enum StepStatus
{
    Fixed,
    Failed,
    Skipped,

    /// <summary>The guard sent the call, the answer was lost, and it could not re-read whether it took effect.</summary>
    Unconfirmed,
}
