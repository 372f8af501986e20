namespace IdcKmsGuard.Core.Alerts;

/// <summary>One rule that the live state violates, in words for the alert.</summary>
/// <param name="Resolved">The guard fixed it and verified the fix; the finding says what was wrong.</param>
public sealed record Finding(string RuleId, Severity Severity, string Message, bool Resolved = false);
