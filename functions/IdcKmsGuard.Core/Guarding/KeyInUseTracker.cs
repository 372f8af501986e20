using IdcKmsGuard.Core.IdentityCenter;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.State;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>
/// The key an instance was last seen ENABLED with: while a switch is UPDATING or after UPDATE_FAILED, Identity Center
/// still uses it although DescribeInstance names the requested key.
/// </summary>
internal sealed class KeyInUseTracker(IKeyInUseMemory memory)
{
    /// <summary>Remembers the key of an ENABLED instance (none for an AWS owned key); anything else is left as is.</summary>
    public Task RememberIfEnabledAsync(IdentityCenterInstance instance, DateTimeOffset seenAt, CancellationToken cancellationToken) =>
        instance.Encryption.Status == EncryptionStatus.Enabled
            ? memory.SaveKeyInUseAsync(new KeyInUse(instance.InstanceArn, instance.Encryption.KmsKeyArn?.ToString() ?? string.Empty, seenAt), cancellationToken)
            : Task.CompletedTask;

    /// <returns>Mid-switch or after a failed one, the remembered key when it is not the one DescribeInstance names;
    /// otherwise null (and no read).</returns>
    public async Task<KeyArn?> PreviousAsync(IdentityCenterInstance instance, CancellationToken cancellationToken) =>
        instance.Encryption.Status is EncryptionStatus.Updating or EncryptionStatus.UpdateFailed
        && await memory.GetKeyInUseAsync(instance.InstanceArn, cancellationToken).ConfigureAwait(false) is { } seen
        && KeyArn.TryParse(seen.KeyArn, out var previous)
        && previous != instance.Encryption.KmsKeyArn
            ? previous
            : null;
}
