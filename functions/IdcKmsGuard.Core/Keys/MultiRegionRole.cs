namespace IdcKmsGuard.Core.Keys;

/// <summary>A key's place in a multi-Region key set (DescribeKey's MultiRegionConfiguration.MultiRegionKeyType).</summary>
public enum MultiRegionRole
{
    /// <summary>A single-Region key.</summary>
    None,
    Primary,
    Replica,
}
