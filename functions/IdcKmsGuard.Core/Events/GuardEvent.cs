namespace IdcKmsGuard.Core.Events;

/// <summary>
/// What the guard reads out of one EventBridge event or CloudTrail record. The event only points at the key;
/// decisions always re-read the live state.
/// </summary>
/// <param name="KeyRefs">Every key reference found, as given: ARN, key id, mrk- id, alias name or alias ARN.</param>
/// <param name="ProposedPolicy">The policy text a PutKeyPolicy call sent, when the record carries it.</param>
/// <param name="InstanceArn">The Identity Center instance an sso event names, when it names one.</param>
/// <param name="MentionsEncryption">For sso calls: whether the request parameters mention an encryption
/// configuration (null when the record has no parameters to tell).</param>
public sealed record GuardEvent(
    Trigger Trigger,
    string EventName,
    string EventSource,
    bool Succeeded,
    string? ErrorCode,
    string? ErrorMessage,
    IReadOnlyList<string> KeyRefs,
    Actor Actor,
    string? Region,
    string? Account,
    string? EventId,
    DateTimeOffset? EventTime,
    string? SourceIpAddress,
    string? UserAgent,
    string? ProposedPolicy,
    string? InstanceArn,
    bool? MentionsEncryption = null)
{
    /// <summary>The event as received (not kept for unsupported ones): a follow-up carries it, a change's journal keeps it.</summary>
    public string? Raw { get; init; }

    /// <summary>The encryption context of a KMS call, as CloudTrail recorded it (null: the call had none).</summary>
    public IReadOnlyDictionary<string, string>? EncryptionContext { get; init; }

    /// <summary>For a refused call of Identity Center: the burst of refusals it stands for (null: reviewed alone).</summary>
    public KeyUseBurst? Burst { get; init; }

    /// <summary>The encryption context as "key=value, ..." (empty when the call had none).</summary>
    public string EncryptionContextText =>
        EncryptionContext is null ? string.Empty : string.Join(", ", EncryptionContext.Select(pair => $"{pair.Key}={pair.Value}"));
}
