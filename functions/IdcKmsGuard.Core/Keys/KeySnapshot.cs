namespace IdcKmsGuard.Core.Keys;

/// <summary>A key as DescribeKey returned it at one moment.</summary>
public sealed record KeySnapshot(
    KeyArn Arn,
    KeyState State,
    string KeySpec,
    string KeyUsage,
    string Origin,
    string KeyManager,
    bool MultiRegion,
    MultiRegionRole MultiRegionRole,
    DateTimeOffset? DeletionDate)
{
    public bool IsPendingDeletion => State is KeyState.PendingDeletion or KeyState.PendingReplicaDeletion;

    public bool IsUsable => State == KeyState.Enabled;
}
