namespace IdcKmsGuard.Core.Alerts;

/// <summary>Who did it and where, as the alert's "Who" section shows it.</summary>
public sealed record AlertActor(
    string? Type,
    string? Arn,
    string? AccountId,
    string? InvokedBy,
    string? SourceIpAddress,
    string? UserAgent);
