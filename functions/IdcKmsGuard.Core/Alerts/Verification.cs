namespace IdcKmsGuard.Core.Alerts;

/// <summary>The state re-read after remediation.</summary>
public sealed record Verification(bool Passed, string Detail);
