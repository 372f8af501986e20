namespace IdcKmsGuard.Core.Alerts;

/// <remarks>Ordered: a greater value is more severe.</remarks>
public enum Severity
{
    Info,
    Low,
    Medium,
    High,
    Critical,
}
