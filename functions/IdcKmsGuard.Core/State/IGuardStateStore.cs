namespace IdcKmsGuard.Core.State;

/// <summary>
/// The guard's memory of keys between invocations (one DynamoDB table, beside the <see cref="IEventLedger"/> and
/// the <see cref="IAlertLedger"/>): the last healthy policy per key, what the last review found per scope, and the
/// key each instance was last seen using. Every write of shared state is conditional, so concurrent invocations agree.
/// </summary>
public interface IGuardStateStore
{
    Task SaveKnownGoodPolicyAsync(KnownGoodPolicy policy, CancellationToken cancellationToken);

    Task<KnownGoodPolicy?> GetKnownGoodPolicyAsync(string keyArn, CancellationToken cancellationToken);

    /// <returns>What the last sweep found for the scope; null before the first sweep.</returns>
    Task<SweepMemory?> GetSweepMemoryAsync(string scope, CancellationToken cancellationToken);

    /// <summary>Replaces <paramref name="expected"/> (null: nothing stored) with <paramref name="memory"/>.</summary>
    /// <returns>False when another invocation changed the scope's memory first: nothing was written.</returns>
    Task<bool> SaveSweepMemoryAsync(SweepMemory memory, SweepMemory? expected, CancellationToken cancellationToken);

    /// <returns>The key the instance was last seen ENABLED with; null when never seen.</returns>
    Task<KeyInUse?> GetKeyInUseAsync(string instanceArn, CancellationToken cancellationToken);

    Task SaveKeyInUseAsync(KeyInUse keyInUse, CancellationToken cancellationToken);
}
