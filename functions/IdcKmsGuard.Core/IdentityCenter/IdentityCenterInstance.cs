namespace IdcKmsGuard.Core.IdentityCenter;

/// <summary>An Identity Center instance as DescribeInstance returned it.</summary>
public sealed record IdentityCenterInstance(
    string InstanceArn,
    string IdentityStoreId,
    string OwnerAccountId,
    string? Name,
    string Status,
    string? PrimaryRegion,
    EncryptionConfiguration Encryption)
{
    public string IdentityStoreArn => $"arn:aws:identitystore::{OwnerAccountId}:identitystore/{IdentityStoreId}";
}
