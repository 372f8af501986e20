namespace IdcKmsGuard.Core.IdentityCenter;

public enum EncryptionKeyType
{
    Unknown,
    AwsOwnedKmsKey,
    CustomerManagedKey,
}
