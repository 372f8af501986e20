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
    string? MessageId)
{
    public static InvocationResult From(GuardResult result) => new(
        result.Event.EventId,
        result.Event.Trigger.ToString(),
        result.Disposition.ToString(),
        result.Reason,
        result.Alert is { } alert
            ? new InvocationAlert(AlertRenderer.Name(alert.Severity), alert.RuleId, AlertRenderer.Name(alert.Outcome), alert.Headline, alert.KeyStateAfter)
            : null,
        result.MessageId);
}

internal sealed record InvocationAlert(string Severity, string Rule, string Outcome, string Headline, string? KeyStateAfter);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(InvocationResult))]
internal sealed partial class FunctionJsonContext : JsonSerializerContext;
