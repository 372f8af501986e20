namespace IdcKmsGuard.Core.Configuration;

/// <remarks>Written in configuration as "merge-required" and "restore-last-known-good".</remarks>
public enum RepairStrategy
{
    /// <summary>Add what Identity Center needs to the current policy (the policy engine's repair).</summary>
    MergeRequired,

    /// <summary>Put back the last policy the guard saw healthy, when it is still healthy; else merge.</summary>
    RestoreLastKnownGood,
}
