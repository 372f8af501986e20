using System.Collections.Frozen;

namespace IdcKmsGuard.Core.Events;

/// <summary>Maps an API call, service event or native KMS event onto the trigger the guard reacts to.</summary>
public static class TriggerClassifier
{
    public const string KmsEventSource = "kms.amazonaws.com";
    public const string IdentityCenterEventSource = "sso.amazonaws.com";

    private static readonly FrozenDictionary<string, Trigger> KmsCalls = new Dictionary<string, Trigger>(StringComparer.Ordinal)
    {
        ["PutKeyPolicy"] = Trigger.KeyPolicyChanged,
        ["DisableKey"] = Trigger.KeyDisabled,
        ["EnableKey"] = Trigger.KeyEnabled,
        ["ScheduleKeyDeletion"] = Trigger.KeyDeletionScheduled,
        ["CancelKeyDeletion"] = Trigger.KeyDeletionCancelled,
        ["DisableKeyRotation"] = Trigger.KeyRotationDisabled,
        ["DeleteImportedKeyMaterial"] = Trigger.KeyMaterialDeleted,
        ["DeleteExpiredKeyMaterial"] = Trigger.KeyMaterialExpired,
        ["DeleteKey"] = Trigger.KeyDeleted,
        ["ReplicateKey"] = Trigger.KeyReplicated,
        ["UpdatePrimaryRegion"] = Trigger.KeyPrimaryRegionChanged,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // The encryption fields of UpdateInstance have no documented CloudTrail casing, so every UpdateInstance is
    // treated as a possible encryption change and the instance is re-read.
    private static readonly FrozenDictionary<string, Trigger> IdentityCenterCalls = new Dictionary<string, Trigger>(StringComparer.Ordinal)
    {
        ["UpdateInstance"] = Trigger.IdentityCenterEncryptionChanged,
        ["AddRegion"] = Trigger.IdentityCenterRegionChanged,
        ["RemoveRegion"] = Trigger.IdentityCenterRegionChanged,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, Trigger> NativeKmsEvents = new Dictionary<string, Trigger>(StringComparer.Ordinal)
    {
        ["KMS CMK Deletion"] = Trigger.KeyDeleted,
        ["KMS Imported Key Material Expiration"] = Trigger.KeyMaterialExpired,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // What Identity Center asks of its key; CloudTrail names every re-encryption "ReEncrypt".
    private static readonly FrozenSet<string> KeyUseCalls =
        new[] { "Decrypt", "GenerateDataKeyWithoutPlaintext", "ReEncrypt", "DescribeKey" }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> IdentityCenterServices =
        new[] { IdentityCenterEventSource, "identitystore.amazonaws.com" }.ToFrozenSet(StringComparer.Ordinal);

    public static IReadOnlyCollection<string> KmsEventNames => KmsCalls.Keys;

    /// <summary>The KMS calls whose refusal, made by or through Identity Center, is <see cref="Trigger.KeyUseFailed"/>.</summary>
    public static IReadOnlyCollection<string> KeyUseEventNames => KeyUseCalls;

    /// <summary>The services whose calls to the key are Identity Center's (userIdentity.invokedBy).</summary>
    public static IReadOnlyCollection<string> IdentityCenterServiceNames => IdentityCenterServices;

    public static IReadOnlyCollection<string> IdentityCenterEventNames => IdentityCenterCalls.Keys;

    public static IReadOnlyCollection<string> NativeKmsDetailTypes => NativeKmsEvents.Keys;

    public static Trigger ClassifyCall(string eventSource, string eventName)
    {
        var table = eventSource switch
        {
            KmsEventSource => KmsCalls,
            IdentityCenterEventSource => IdentityCenterCalls,
            _ => null,
        };
        return table is not null && table.TryGetValue(eventName, out var trigger) ? trigger : Trigger.Unsupported;
    }

    /// <summary>
    /// A KMS call Identity Center made (or an administrator made through it: userIdentity.invokedBy) and KMS refused.
    /// A success, or a failure of a principal calling KMS directly, is not one.
    /// </summary>
    public static bool IsFailedKeyUse(string eventSource, string eventName, string? errorCode, string? invokedBy) =>
        eventSource == KmsEventSource
        && !string.IsNullOrEmpty(errorCode)
        && KeyUseCalls.Contains(eventName)
        && invokedBy is not null
        && IdentityCenterServices.Contains(invokedBy);

    public static Trigger ClassifyNativeKmsEvent(string detailType) =>
        NativeKmsEvents.TryGetValue(detailType, out var trigger) ? trigger : Trigger.Unsupported;
}
