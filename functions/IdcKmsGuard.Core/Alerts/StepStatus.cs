namespace IdcKmsGuard.Core.Alerts;

public enum StepStatus
{
    Fixed,
    Failed,
    Skipped,
}
