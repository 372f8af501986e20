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
    /// <summary>For a KMS call: the encryption context it carried (Identity Center's requests are told apart by it).</summary>
    public IReadOnlyDictionary<string, string>? EncryptionContext { get; init; }

    public static InspectedEvent From(GuardEvent e) => new(
        e.Trigger.ToString(), e.EventName, e.EventSource, e.Succeeded, e.ErrorCode, e.KeyRefs,
        new InspectedActor(e.Actor.Type, e.Actor.Arn) { InvokedBy = e.Actor.InvokedBy }, e.Region, e.Account, e.EventId)
    {
        EncryptionContext = e.EncryptionContext,
    };
}

internal sealed record InspectedActor(string? Type, string? Arn)
{
    /// <summary>The service that made the call, for a service or for the principal (userIdentity.invokedBy).</summary>
    public string? InvokedBy { get; init; }
}
