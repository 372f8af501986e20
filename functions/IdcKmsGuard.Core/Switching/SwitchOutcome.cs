using IdcKmsGuard.Core.IdentityCenter;

namespace IdcKmsGuard.Core.Switching;

public enum SwitchResult
{
    /// <summary>ENABLED with the requested key.</summary>
    Switched,

    /// <summary>Identity Center already used the requested key: nothing was changed.</summary>
    AlreadyInUse,

    /// <summary>UPDATE_FAILED: the previous key stays in use; the reason says why.</summary>
    Failed,

    /// <summary>Still UPDATING when the wait ran out.</summary>
    StillUpdating,
}

/// <param name="Final">The encryption configuration DescribeInstance showed last.</param>
public sealed record SwitchOutcome(SwitchResult Result, EncryptionConfiguration Final, TimeSpan Elapsed);
