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

    /// <summary>Every Region of a multi-Region instance, the primary included; empty when the API named none.</summary>
    public IReadOnlyList<IdentityCenterRegion> Regions { get; init; } = [];

    /// <summary>The Regions besides the primary where Identity Center runs and needs a replica of its key.</summary>
    public IReadOnlyList<string> AdditionalRegions =>
        [.. Regions.Where(r => !r.IsPrimary && r.NeedsKey && r.Name != PrimaryRegion).Select(r => r.Name).Distinct(StringComparer.Ordinal)];
}
