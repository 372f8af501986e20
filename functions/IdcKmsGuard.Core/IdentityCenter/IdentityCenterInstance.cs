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
    /// <summary>In the instance's partition (aws, aws-cn, aws-us-gov): a statement conditioned on an ARN of another
    /// partition never matches, and a repair that wrote one would verify itself as fixed while Identity Center fails.</summary>
    public string IdentityStoreArn => $"arn:{Partition}:identitystore::{OwnerAccountId}:identitystore/{IdentityStoreId}";

    /// <summary>The partition of <see cref="InstanceArn"/>; "aws" when it is not an ARN.</summary>
    public string Partition => InstanceArn.Split(':') is ["arn", { Length: > 0 } partition, ..] ? partition : "aws";

    /// <summary>Every Region of a multi-Region instance, the primary included; empty when the API named none.</summary>
    public IReadOnlyList<IdentityCenterRegion> Regions { get; init; } = [];

    /// <summary>The Regions besides the primary where Identity Center runs and needs a replica of its key.</summary>
    public IReadOnlyList<string> AdditionalRegions =>
        [.. Regions.Where(r => !r.IsPrimary && r.NeedsKey && r.Name != PrimaryRegion).Select(r => r.Name).Distinct(StringComparer.Ordinal)];
}
