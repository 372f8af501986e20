namespace IdcKmsGuard.Core.Keys;

/// <remarks>KMS's KeyState values; <see cref="Unknown"/> stands for a value newer than this code.</remarks>
public enum KeyState
{
    Unknown,
    Creating,
    Enabled,
    Disabled,
    PendingDeletion,
    PendingImport,
    PendingReplicaDeletion,
    Unavailable,
    Updating,
}
