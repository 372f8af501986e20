using System.Globalization;
using System.Text.Json;
using IdcKmsGuard.Core.Json;

namespace IdcKmsGuard.Core.Events;

internal static class CloudTrailRecordReader
{
    public static GuardEvent Read(JsonElement record, JsonElement? envelope)
    {
        var eventName = record.String("eventName")
            ?? throw new EventFormatException("The CloudTrail record has no 'eventName' string.");
        var eventSource = record.String("eventSource")
            ?? throw new EventFormatException($"The CloudTrail record '{eventName}' has no 'eventSource' string.");
        var errorCode = record.String("errorCode");
        var requestParameters = record.Object("requestParameters");
        var actor = ActorReader.Read(record);
        var trigger = TriggerClassifier.IsFailedKeyUse(eventSource, eventName, errorCode, actor.InvokedBy)
            ? Trigger.KeyUseFailed
            : TriggerClassifier.ClassifyCall(eventSource, eventName);

        return new GuardEvent(
            Trigger: trigger,
            EventName: eventName,
            EventSource: eventSource,
            Succeeded: string.IsNullOrEmpty(errorCode),
            ErrorCode: string.IsNullOrEmpty(errorCode) ? null : errorCode,
            ErrorMessage: record.String("errorMessage"),
            KeyRefs: KeyReferenceCollector.FromCloudTrail(record, envelope),
            Actor: actor,
            Region: record.String("awsRegion") ?? envelope?.String("region"),
            Account: record.String("recipientAccountId") ?? envelope?.String("account") ?? record.Object("userIdentity")?.String("accountId"),
            EventId: record.String("eventID") ?? envelope?.String("id"),
            EventTime: ParseTime(record.String("eventTime") ?? envelope?.String("time")),
            SourceIpAddress: record.String("sourceIPAddress"),
            UserAgent: record.String("userAgent"),
            ProposedPolicy: eventName == "PutKeyPolicy" ? requestParameters?.String("policy") : null,
            InstanceArn: requestParameters?.StringIgnoringCase("instanceArn"),
            MentionsEncryption: eventSource == TriggerClassifier.IdentityCenterEventSource ? MentionsEncryption(requestParameters) : null)
        {
            EncryptionContext = eventSource == TriggerClassifier.KmsEventSource ? EncryptionContext(requestParameters) : null,
        };
    }

    // What the caller bound the ciphertext to: Identity Center's requests are told apart by it.
    private static Dictionary<string, string>? EncryptionContext(JsonElement? requestParameters) =>
        requestParameters?.Object("encryptionContext") is { } context
            ? context.EnumerateObject()
                .Where(p => p.Value.ValueKind == JsonValueKind.String)
                .ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal)
            : null;

    private static bool? MentionsEncryption(JsonElement? requestParameters) =>
        requestParameters is { } parameters ? HasPropertyContaining(parameters, "encryption", depth: 0) : null;

    private static bool HasPropertyContaining(JsonElement element, string fragment, int depth) =>
        depth < 8 && element.ValueKind == JsonValueKind.Object && element.EnumerateObject().Any(p =>
            p.Name.Contains(fragment, StringComparison.OrdinalIgnoreCase) || HasPropertyContaining(p.Value, fragment, depth + 1));

    internal static DateTimeOffset? ParseTime(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : null;
}
