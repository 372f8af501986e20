using System.Text.Json.Serialization;

namespace IdcKmsGuard.Infra.Tests.Support.EventBridge;

// The few EventBridge members the tests use (AWSSDK.EventBridge is not served by the package source).

internal sealed record PutRuleRequest(string Name, string EventPattern, string State);

internal sealed record PutRuleResponse(string? RuleArn);

internal sealed record RuleTarget(string Id, string Arn);

internal sealed record PutTargetsRequest(string Rule, IReadOnlyList<RuleTarget> Targets);

internal sealed record PutTargetsResponse(int FailedEntryCount, IReadOnlyList<FailedTarget>? FailedEntries);

internal sealed record FailedTarget(string? TargetId, string? ErrorCode, string? ErrorMessage);

internal sealed record PutEventsEntry(string Source, string DetailType, string Detail, IReadOnlyList<string> Resources);

internal sealed record PutEventsRequest(IReadOnlyList<PutEventsEntry> Entries);

internal sealed record PutEventsResponse(int FailedEntryCount, IReadOnlyList<PutEventsResult>? Entries);

internal sealed record PutEventsResult(string? EventId, string? ErrorCode, string? ErrorMessage);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PutRuleRequest))]
[JsonSerializable(typeof(PutRuleResponse))]
[JsonSerializable(typeof(PutTargetsRequest))]
[JsonSerializable(typeof(PutTargetsResponse))]
[JsonSerializable(typeof(PutEventsRequest))]
[JsonSerializable(typeof(PutEventsResponse))]
internal sealed partial class EventBridgeJsonContext : JsonSerializerContext;
