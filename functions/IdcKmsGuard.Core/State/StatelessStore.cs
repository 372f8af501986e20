namespace IdcKmsGuard.Core.State;

/// <summary>
/// For running without a table (the CLI against a live account, tests of other concerns): every event is new,
/// every alert goes out, no policy is remembered.
/// </summary>
public sealed class StatelessStore : IGuardStateStore
{
    public static StatelessStore Instance { get; } = new();

    public Task<EventClaim> ClaimEventAsync(string eventId, TimeSpan lease, CancellationToken cancellationToken) => Task.FromResult(EventClaim.Claimed);

    public Task CompleteEventAsync(string eventId, TimeSpan keepFor, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task ReleaseEventAsync(string eventId, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task SavePendingAlertAsync(string eventId, string alertJson, TimeSpan keepFor, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<string?> TakePendingAlertAsync(string eventId, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    public Task SaveKnownGoodPolicyAsync(KnownGoodPolicy policy, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<KnownGoodPolicy?> GetKnownGoodPolicyAsync(string keyArn, CancellationToken cancellationToken) => Task.FromResult<KnownGoodPolicy?>(null);

    public Task<AlertDecision> RegisterAlertAsync(string alertKey, TimeSpan window, CancellationToken cancellationToken) => Task.FromResult(new AlertDecision(true, 0, null));

    // Without memory every sweep is the first: it reports whatever it finds.
    public Task<SweepMemory?> GetSweepMemoryAsync(string scope, CancellationToken cancellationToken) => Task.FromResult<SweepMemory?>(null);

    public Task<bool> SaveSweepMemoryAsync(SweepMemory memory, SweepMemory? expected, CancellationToken cancellationToken) => Task.FromResult(true);

    public Task<KeyInUse?> GetKeyInUseAsync(string instanceArn, CancellationToken cancellationToken) => Task.FromResult<KeyInUse?>(null);

    public Task SaveKeyInUseAsync(KeyInUse keyInUse, CancellationToken cancellationToken) => Task.CompletedTask;
}
