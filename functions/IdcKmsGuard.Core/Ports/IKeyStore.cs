using IdcKmsGuard.Core.Keys;

namespace IdcKmsGuard.Core.Ports;

/// <summary>KMS, as far as the guard needs it. The Region of every call is the Region in the key's ARN.</summary>
public interface IKeyStore
{
    /// <returns>Null when the key does not exist (any more).</returns>
    Task<KeySnapshot?> DescribeKeyAsync(KeyArn key, CancellationToken cancellationToken);

    /// <returns>The key an alias points at, or null when the alias does not exist.</returns>
    Task<KeySnapshot?> ResolveAliasAsync(string region, string aliasName, CancellationToken cancellationToken);

    Task<string> GetKeyPolicyAsync(KeyArn key, CancellationToken cancellationToken);

    /// <summary>Sets the key policy with KMS's lock-out safety check on (BypassPolicyLockoutSafetyCheck is never used).</summary>
    Task PutKeyPolicyAsync(KeyArn key, string policy, CancellationToken cancellationToken);

    Task EnableKeyAsync(KeyArn key, CancellationToken cancellationToken);

    Task CancelKeyDeletionAsync(KeyArn key, CancellationToken cancellationToken);

    Task<bool> IsRotationEnabledAsync(KeyArn key, CancellationToken cancellationToken);

    Task EnableRotationAsync(KeyArn key, CancellationToken cancellationToken);

    /// <returns>The key's tags (ListResourceTags), by tag key.</returns>
    Task<IReadOnlyDictionary<string, string>> GetTagsAsync(KeyArn key, CancellationToken cancellationToken);

    /// <summary>Tags the key <see cref="GuardedKeyTag.Key"/>=<see cref="GuardedKeyTag.Value"/> (kms:TagResource): the
    /// guard's role may change only marked keys. Idempotent.</summary>
    Task MarkGuardedAsync(KeyArn key, CancellationToken cancellationToken);
}
