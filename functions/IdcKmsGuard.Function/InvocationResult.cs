using System.Text.Json.Serialization;
using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Guarding;

namespace IdcKmsGuard.Function;

/// <summary>The invocation's response: what the guard did with the event, for logs and for the demo.</summary>
internal sealed record InvocationResult(
    string? EventId,
    string Trigger,
    string Disposition,
    string Reason,
    InvocationAlert? Alert,
    string? MessageId,
    IReadOnlyList<InvocationRule> Rules)
{
    public static InvocationResult From(GuardResult result) => new(
        result.Event.EventId,
        result.Event.Trigger.ToString(),
        result.Disposition.ToString(),
        result.Reason,
        result.Alert is { } alert
            ? new InvocationAlert(AlertRenderer.Name(alert.Severity), alert.RuleId, AlertRenderer.Name(alert.Outcome), alert.Headline, alert.KeyStateAfter)
            : null,
        result.MessageId,
        result.Rules.Select(r => new InvocationRule(r.RuleId, r.Status.ToString().ToLowerInvariant(), r.Outcome)).ToList());
}

internal sealed record InvocationRule(string Id, string Status, string Outcome);

internal sealed record InvocationAlert(string Severity, string Rule, string Outcome, string Headline, string? KeyStateAfter);

/// <summary>The answer to an SQS batch (ReportBatchItemFailures): the messages SQS should deliver again.</summary>
internal sealed record BatchResponse(IReadOnlyList<BatchItemFailure> BatchItemFailures);

internal sealed record BatchItemFailure(string ItemIdentifier);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(InvocationResult))]
[JsonSerializable(typeof(BatchResponse))]
internal sealed partial class FunctionJsonContext : JsonSerializerContext;
