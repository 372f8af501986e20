namespace IdcKmsGuard.Core.Alerts;

/// <summary>One rule that the live state violates, in words for the alert.</summary>
public sealed record Finding(string RuleId, Severity Severity, string Message);
