using IdcKmsGuard.Core.Events;

namespace IdcKmsGuard.Cli.Commands;

/// <summary>The `inspect-event --json` document; its field names are a public contract.</summary>
internal sealed record InspectedEvent(
    string Trigger,
    string EventName,
    string EventSource,
    bool Succeeded,
    string? ErrorCode,
    IReadOnlyList<string> KeyRefs,
    InspectedActor Actor,
    string? Region,
    string? Account,
    string? EventId)
{
    public static InspectedEvent From(GuardEvent e) => new(
        e.Trigger.ToString(), e.EventName, e.EventSource, e.Succeeded, e.ErrorCode, e.KeyRefs,
        new InspectedActor(e.Actor.Type, e.Actor.Arn), e.Region, e.Account, e.EventId);
}

internal sealed record InspectedActor(string? Type, string? Arn);
