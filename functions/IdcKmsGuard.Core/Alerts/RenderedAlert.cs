namespace IdcKmsGuard.Core.Alerts;

/// <summary>An alert rendered for every kind of subscriber, plus the attributes subscriptions filter on.</summary>
/// <param name="Subject">Under 100 ASCII characters, no line breaks (SNS's rule for e-mail subjects).</param>
/// <param name="Json">The versioned JSON document for machine subscribers (SQS, Lambda, HTTPS).</param>
public sealed record RenderedAlert(
    string Subject,
    string ShortText,
    string EmailText,
    string Json,
    IReadOnlyDictionary<string, string> Attributes)
{
    /// <summary>The AWS Chatbot custom-notification document, when configured (chatbotNotifications).</summary>
    public string? Chatbot { get; init; }

    /// <summary>The alert as rendered (with its incident, trimmed as the texts are): what Security Hub's finding and the
    /// EventBridge event are made from.</summary>
    public Alert? Source { get; init; }
}
