using System.Text.Json;
using System.Text.Json.Serialization;

namespace IdcKmsGuard.Core.Alerts;

/// <summary>
/// The alert in AWS Chatbot's (Amazon Q Developer in chat applications) custom-notification format, for Slack,
/// Microsoft Teams and Amazon Chime channels subscribed to the topic.
/// </summary>
internal static class ChatbotNotification
{
    private static readonly ChatbotJsonContext Json = new(new JsonSerializerOptions(ChatbotJsonContext.Default.Options)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static string Render(Alert alert)
    {
        var emoji = alert.Severity switch { Severity.Critical => ":rotating_light:", Severity.High => ":warning:", _ => ":information_source:" };
        var findings = string.Join(
            "\n",
            alert.Findings.Select(f => $"• *{f.RuleId}*{(f.Resolved ? " (fixed)" : string.Empty)}: {UntrustedText.Markdown(f.Message)}"));
        var steps = alert.Steps.Count == 0
            ? "Nothing was changed."
            : string.Join("\n", alert.Steps.Select(s => $"• {s.Action}: *{AlertRenderer.Name(s.Status)}* - {UntrustedText.Markdown(s.Detail)}"));
        var notification = new ChatbotDocument(
            "1.0",
            "custom",
            alert.Event.EventId ?? alert.DetectedAt.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            new ChatbotContent(
                "client-markdown",
                $"{emoji} [{alert.Severity.ToString().ToUpperInvariant()}] {UntrustedText.Markdown(alert.Headline)}",
                $"{UntrustedText.Markdown(alert.WhatHappened)}\n{findings}\n*What the guard did*\n{steps}",
                [.. alert.NextSteps.Select(step => UntrustedText.Markdown(step))],
                [alert.RuleId, AlertRenderer.Name(alert.Severity), AlertRenderer.Name(alert.Outcome)]),
            new ChatbotMetadata(
                alert.KeyArn ?? alert.InstanceArn,
                UntrustedText.OneLine(alert.Headline),
                $"IdcKmsGuard {alert.RuleId}",
                alert.KeyArn is null ? [] : [alert.KeyArn]));
        return JsonSerializer.Serialize(notification, Json.ChatbotDocument);
    }
}

internal sealed record ChatbotDocument(string Version, string Source, string Id, ChatbotContent Content, ChatbotMetadata Metadata);

internal sealed record ChatbotContent(string TextType, string Title, string Description, IReadOnlyList<string> NextSteps, IReadOnlyList<string> Keywords);

/// <param name="ThreadId">Alerts about one key thread together in the channel.</param>
internal sealed record ChatbotMetadata(string? ThreadId, string Summary, string EventType, IReadOnlyList<string> RelatedResources);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ChatbotDocument))]
internal sealed partial class ChatbotJsonContext : JsonSerializerContext;
