using System.Text.Json;

namespace IdcKmsGuard.Function;

/// <summary>An SQS event source batch: the follow-ups the guard scheduled for itself, or queued refusals of Identity Center.</summary>
internal static class SqsBatch
{
    /// <returns>The batch's messages, or null when the payload is not an SQS batch (then it is an event).</returns>
    public static IReadOnlyList<SqsMessage>? TryRead(ReadOnlyMemory<byte> payload)
    {
        // Most payloads are events: spare them a second parse.
        if (payload.Span.IndexOf("\"aws:sqs\""u8) < 0)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(payload);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("Records", out var records)
                || records.ValueKind != JsonValueKind.Array
                || records.GetArrayLength() == 0
                || !records.EnumerateArray().All(IsSqsRecord))
            {
                return null;
            }

            return records.EnumerateArray()
                .Select(r => new SqsMessage(
                    r.GetProperty("messageId").GetString()!,
                    r.TryGetProperty("body", out var body) && body.ValueKind == JsonValueKind.String ? body.GetString()! : string.Empty,
                    r.TryGetProperty("eventSourceARN", out var queue) && queue.ValueKind == JsonValueKind.String ? queue.GetString() : null))
                .ToList();
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            // Not JSON (or not UTF-8): the event reader gives the precise error.
            return null;
        }
    }

    private static bool IsSqsRecord(JsonElement record) =>
        record.ValueKind == JsonValueKind.Object
        && record.TryGetProperty("eventSource", out var source) && source.ValueEquals("aws:sqs")
        && record.TryGetProperty("messageId", out var id) && id.ValueKind == JsonValueKind.String;
}

/// <param name="SourceQueueArn">The queue Lambda read it from (eventSourceARN); null when the record does not say.</param>
internal sealed record SqsMessage(string MessageId, string Body, string? SourceQueueArn = null);
