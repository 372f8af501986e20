namespace IdcKmsGuard.Core.IdentityCenter;

public enum EncryptionStatus
{
    Unknown,
    Updating,
    Enabled,
    UpdateFailed,
}
