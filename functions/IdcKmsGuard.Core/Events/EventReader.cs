using System.Text.Json;
using IdcKmsGuard.Core.Json;

namespace IdcKmsGuard.Core.Events;

/// <summary>
/// Reads an EventBridge event (CloudTrail-derived or a native aws.kms event), a bare CloudTrail record, or a
/// CloudTrail log file holding one record. Anything else is an <see cref="EventFormatException"/>.
/// </summary>
public static class EventReader
{
    // EventBridge caps events at 256 KB; a larger input is not an event, whatever it holds.
    public const int MaxEventBytes = 1024 * 1024;

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    public static GuardEvent Read(ReadOnlyMemory<byte> utf8Json)
    {
        if (utf8Json.Length == 0)
        {
            throw new EventFormatException("The event is empty.");
        }

        if (utf8Json.Length > MaxEventBytes)
        {
            throw new EventFormatException($"The event is {utf8Json.Length} bytes; events larger than {MaxEventBytes} bytes are refused.");
        }

        // JsonDocument checks UTF-8 only lazily, when a string is read; a bad byte deep inside would surface later
        // as an InvalidOperationException instead of a format error.
        if (!System.Text.Unicode.Utf8.IsValid(utf8Json.Span))
        {
            throw new EventFormatException("The event is not valid UTF-8.");
        }

        try
        {
            using var document = JsonDocument.Parse(utf8Json, Options);
            var guardEvent = ReadRoot(document.RootElement);

            // Kept for what must outlive the invocation: a follow-up carries it, the journal of a change keeps it.
            return guardEvent.Trigger == Trigger.Unsupported
                ? guardEvent
                : guardEvent with { Raw = System.Text.Encoding.UTF8.GetString(utf8Json.Span) };
        }
        catch (JsonException e)
        {
            throw new EventFormatException($"The event is not valid JSON: {OneLine(e.Message)}", e);
        }
    }

    public static GuardEvent Read(string json) => Read(System.Text.Encoding.UTF8.GetBytes(json));

    private static GuardEvent ReadRoot(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new EventFormatException($"The event must be a JSON object, not {Describe(root.ValueKind)}.");
        }

        if (root.Property("detail-type") is not null || root.Property("detail") is not null)
        {
            return ReadEnvelope(root);
        }

        if (root.Property("Records") is { } records)
        {
            return ReadLogFile(records);
        }

        if (root.Property("eventName") is not null || root.Property("eventSource") is not null)
        {
            return CloudTrailRecordReader.Read(root, envelope: null);
        }

        throw new EventFormatException(
            "The input is neither an EventBridge event (no 'detail-type') nor a CloudTrail record (no 'eventName').");
    }

    private static GuardEvent ReadEnvelope(JsonElement envelope)
    {
        var detailType = envelope.String("detail-type")
            ?? throw new EventFormatException("The EventBridge event has no 'detail-type' string.");
        var detail = envelope.Object("detail")
            ?? throw new EventFormatException($"The EventBridge event '{detailType}' has no 'detail' object.");

        return detail.Property("eventName") is not null || detail.Property("eventSource") is not null
            ? CloudTrailRecordReader.Read(detail, envelope)
            : NativeEventReader.Read(envelope, detailType, detail);
    }

    private static GuardEvent ReadLogFile(JsonElement records)
    {
        if (records.ValueKind != JsonValueKind.Array)
        {
            throw new EventFormatException("'Records' must be an array of CloudTrail records.");
        }

        var count = records.GetArrayLength();
        if (count != 1)
        {
            throw new EventFormatException($"The CloudTrail log holds {count} records; pass one record at a time.");
        }

        var record = records[0];
        if (record.ValueKind != JsonValueKind.Object)
        {
            throw new EventFormatException("The CloudTrail log's record is not a JSON object.");
        }

        return CloudTrailRecordReader.Read(record, envelope: null);
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    internal static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
