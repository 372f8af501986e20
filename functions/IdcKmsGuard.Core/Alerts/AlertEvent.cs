using System.Text.Json.Serialization;

namespace IdcKmsGuard.Core.Alerts;

/// <summary>The event behind an alert, enough to find it in CloudTrail.</summary>
public sealed record AlertEvent(
    string Name,
    string Source,
    string Trigger,
    [property: JsonPropertyName("id")] string? EventId,
    DateTimeOffset? Time,
    string? Region,
    string? Account,
    bool Succeeded,
    string? ErrorCode,
    string? ErrorMessage,
    AlertActor Actor);
