using System.Text.Json;
using IdcKmsGuard.Core.Json;

namespace IdcKmsGuard.Core.Events;

/// <summary>Events that a service emits itself ("KMS CMK Deletion", ...): no CloudTrail record inside.</summary>
internal static class NativeEventReader
{
    public static GuardEvent Read(JsonElement envelope, string detailType, JsonElement detail)
    {
        var source = envelope.String("source") ?? string.Empty;
        var trigger = (source, detailType) switch
        {
            ("aws.kms", _) => TriggerClassifier.ClassifyNativeKmsEvent(detailType),
            ("aws.events", "Scheduled Event") => Trigger.Sweep,
            _ => Trigger.Unsupported,
        };

        return new GuardEvent(
            Trigger: trigger,
            EventName: detailType,
            EventSource: source,
            Succeeded: true,
            ErrorCode: null,
            ErrorMessage: null,
            KeyRefs: KeyReferenceCollector.FromNativeEvent(envelope, detail),
            Actor: trigger == Trigger.Sweep ? Actor.Schedule
                : source.StartsWith("aws.", StringComparison.Ordinal) ? Actor.Service(source["aws.".Length..] + ".amazonaws.com")
                : Actor.Unknown,
            Region: envelope.String("region"),
            Account: envelope.String("account"),
            EventId: envelope.String("id"),
            EventTime: CloudTrailRecordReader.ParseTime(envelope.String("time")),
            SourceIpAddress: null,
            UserAgent: null,
            ProposedPolicy: null,
            InstanceArn: null);
    }
}
