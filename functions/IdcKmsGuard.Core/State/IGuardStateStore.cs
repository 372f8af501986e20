namespace IdcKmsGuard.Core.State;

/// <summary>
/// The guard's memory between invocations (one DynamoDB table): which events were handled, the last healthy policy
/// per key, and which alerts went out recently. Every write is conditional, so concurrent invocations agree.
/// </summary>
public interface IGuardStateStore
{
    /// <summary>Claims an event id for this invocation for <paramref name="lease"/>; a crashed claim can be taken over after it.</summary>
    Task<EventClaim> ClaimEventAsync(string eventId, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Marks a claimed event as handled; the record expires after <paramref name="keepFor"/> (EventBridge redelivers within 24 h).</summary>
    Task CompleteEventAsync(string eventId, TimeSpan keepFor, CancellationToken cancellationToken);

    /// <summary>Releases a claim after a failure so that Lambda's retry can handle the event at once.</summary>
    Task ReleaseEventAsync(string eventId, CancellationToken cancellationToken);

    /// <summary>
    /// Keeps an alert that could not be published, under its event, so that the retry publishes it: by then the
    /// key is fixed and a fresh review would find nothing to say.
    /// </summary>
    Task SavePendingAlertAsync(string eventId, string alertJson, TimeSpan keepFor, CancellationToken cancellationToken);

    /// <returns>The pending alert of the event, removed from the store; null when there is none.</returns>
    Task<string?> TakePendingAlertAsync(string eventId, CancellationToken cancellationToken);

    Task SaveKnownGoodPolicyAsync(KnownGoodPolicy policy, CancellationToken cancellationToken);

    Task<KnownGoodPolicy?> GetKnownGoodPolicyAsync(string keyArn, CancellationToken cancellationToken);

    /// <summary>
    /// Decides whether an alert identified by <paramref name="alertKey"/> (key, rule, outcome) goes out now: at most
    /// once per <paramref name="window"/>, counting the repeats in between. Sending and counting are atomic.
    /// </summary>
    Task<AlertDecision> RegisterAlertAsync(string alertKey, TimeSpan window, CancellationToken cancellationToken);

    /// <returns>What the last sweep found for the scope; null before the first sweep.</returns>
    Task<SweepMemory?> GetSweepMemoryAsync(string scope, CancellationToken cancellationToken);

    /// <summary>Replaces <paramref name="expected"/> (null: nothing stored) with <paramref name="memory"/>.</summary>
    /// <returns>False when another invocation changed the scope's memory first: nothing was written.</returns>
    Task<bool> SaveSweepMemoryAsync(SweepMemory memory, SweepMemory? expected, CancellationToken cancellationToken);

    /// <returns>The key the instance was last seen ENABLED with; null when never seen.</returns>
    Task<KeyInUse?> GetKeyInUseAsync(string instanceArn, CancellationToken cancellationToken);

    Task SaveKeyInUseAsync(KeyInUse keyInUse, CancellationToken cancellationToken);
}
