using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Ports;

namespace IdcKmsGuard.Aws.Sns;

/// <summary>
/// Publishes an alert with MessageStructure json: a short text by default, the full text for e-mail, and the
/// JSON document for every machine protocol; severity, rule and outcome as message attributes.
/// </summary>
public sealed class SnsAlertPublisher(SnsClient sns, string topicArn) : IAlertPublisher
{
    public Task<string> PublishAsync(RenderedAlert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return sns.PublishAsync(ToRequest(alert), cancellationToken);
    }

    public async Task<AlertChannel?> DescribeAsync(CancellationToken cancellationToken)
    {
        var attributes = await sns.GetTopicAttributesAsync(topicArn, cancellationToken).ConfigureAwait(false);
        var key = attributes.GetValueOrDefault("KmsMasterKeyId");
        var confirmed = int.TryParse(attributes.GetValueOrDefault("SubscriptionsConfirmed"), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? count
            : 0;
        return new AlertChannel(topicArn, string.IsNullOrEmpty(key) ? null : key, confirmed);
    }

    internal SnsPublishRequest ToRequest(RenderedAlert alert)
    {
        // AWS Chatbot subscribes over HTTPS: with Chatbot on, HTTPS subscribers get its format; SQS and Lambda keep the document.
        var structure = new MessageStructure(alert.ShortText, alert.EmailText, alert.Json, alert.Json, alert.Json, alert.Json, alert.Chatbot ?? alert.Json);
        return new SnsPublishRequest(
            topicArn,
            JsonSerializer.Serialize(structure, SnsJsonContext.Default.MessageStructure),
            alert.Subject,
            "json",
            alert.Attributes.ToList());
    }
}

internal sealed record MessageStructure(
    [property: JsonPropertyName("default")] string Default,
    [property: JsonPropertyName("email")] string Email,
    [property: JsonPropertyName("email-json")] string EmailJson,
    [property: JsonPropertyName("sqs")] string Sqs,
    [property: JsonPropertyName("lambda")] string Lambda,
    [property: JsonPropertyName("http")] string Http,
    [property: JsonPropertyName("https")] string Https);

[JsonSerializable(typeof(MessageStructure))]
internal sealed partial class SnsJsonContext : JsonSerializerContext;
