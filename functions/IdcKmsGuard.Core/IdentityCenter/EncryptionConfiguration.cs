using IdcKmsGuard.Core.Keys;

namespace IdcKmsGuard.Core.IdentityCenter;

/// <summary>DescribeInstance's EncryptionConfigurationDetails.</summary>
public sealed record EncryptionConfiguration(
    EncryptionKeyType KeyType,
    KeyArn? KmsKeyArn,
    EncryptionStatus Status,
    string? StatusReason)
{
    public static EncryptionConfiguration AwsOwned { get; } =
        new(EncryptionKeyType.AwsOwnedKmsKey, null, EncryptionStatus.Enabled, null);

    public bool UsesCustomerManagedKey => KeyType == EncryptionKeyType.CustomerManagedKey && KmsKeyArn is not null;

    public string Describe() => KeyType switch
    {
        EncryptionKeyType.CustomerManagedKey => $"customer managed key {KmsKeyArn?.ToString() ?? "(no ARN)"}",
        EncryptionKeyType.AwsOwnedKmsKey => "an AWS owned key",
        _ => "an unknown key type",
    };
}
