namespace IdcKmsGuard.Core.Events;

/// <remarks>The names are part of the CLI's JSON output and of alert documents: never rename a member.</remarks>
public enum Trigger
{
    Unsupported,
    KeyPolicyChanged,
    KeyDisabled,
    KeyEnabled,
    KeyDeletionScheduled,
    KeyDeletionCancelled,
    KeyRotationDisabled,
    KeyMaterialDeleted,
    KeyMaterialExpired,
    KeyDeleted,
    KeyReplicated,
    KeyPrimaryRegionChanged,
    IdentityCenterEncryptionChanged,
    IdentityCenterRegionChanged,

    /// <summary>The EventBridge schedule: check everything, whatever events were (or were not) delivered.</summary>
    Sweep,

    /// <summary>KMS refused Identity Center (a call the sso or identitystore service made, or made for someone): the ground truth.</summary>
    KeyUseFailed,
}
