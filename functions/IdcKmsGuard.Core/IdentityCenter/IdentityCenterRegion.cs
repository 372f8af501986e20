namespace IdcKmsGuard.Core.IdentityCenter;

/// <summary>A Region Identity Center is replicated to (DescribeInstance's Regions, or ListRegions).</summary>
/// <param name="Status">ACTIVE, ADDING or REMOVING.</param>
public sealed record IdentityCenterRegion(string Name, string Status, bool IsPrimary)
{
    /// <summary>A Region being removed no longer needs a replica; one being added needs it already.</summary>
    public bool NeedsKey => Status != "REMOVING";
}
