using IdcKmsGuard.Core.State;

namespace IdcKmsGuard.Core.Tests.Support;

/// <summary>The state store's contract in memory, for decision tests; the DynamoDB adapter is tested against moto.</summary>
internal sealed class InMemoryStateStore(TimeProvider time) : IGuardStateStore
{
    private readonly Dictionary<string, (bool Done, DateTimeOffset LeaseUntil)> events = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (DateTimeOffset LastSent, int Suppressed)> alerts = new(StringComparer.Ordinal);

    public Dictionary<string, KnownGoodPolicy> Policies { get; } = new(StringComparer.Ordinal);

    public List<string> Released { get; } = [];

    public Task<EventClaim> ClaimEventAsync(string eventId, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (events.TryGetValue(eventId, out var existing) && (existing.Done || existing.LeaseUntil > now))
        {
            return Task.FromResult(existing.Done ? EventClaim.AlreadyDone : EventClaim.InProgress);
        }

        events[eventId] = (false, now + lease);
        return Task.FromResult(EventClaim.Claimed);
    }

    public Task CompleteEventAsync(string eventId, TimeSpan keepFor, CancellationToken cancellationToken)
    {
        events[eventId] = (true, DateTimeOffset.MaxValue);
        return Task.CompletedTask;
    }

    public Task ReleaseEventAsync(string eventId, CancellationToken cancellationToken)
    {
        Released.Add(eventId);
        events.Remove(eventId);
        return Task.CompletedTask;
    }

    public Dictionary<string, string> PendingAlerts { get; } = new(StringComparer.Ordinal);

    public Task SavePendingAlertAsync(string eventId, string alertJson, TimeSpan keepFor, CancellationToken cancellationToken)
    {
        PendingAlerts[eventId] = alertJson;
        return Task.CompletedTask;
    }

    public Task<string?> TakePendingAlertAsync(string eventId, CancellationToken cancellationToken) =>
        Task.FromResult(PendingAlerts.Remove(eventId, out var alert) ? alert : null);

    public Task SaveKnownGoodPolicyAsync(KnownGoodPolicy policy, CancellationToken cancellationToken)
    {
        if (!Policies.TryGetValue(policy.KeyArn, out var stored) || stored.ObservedAt <= policy.ObservedAt)
        {
            Policies[policy.KeyArn] = policy;
        }

        return Task.CompletedTask;
    }

    public Task<KnownGoodPolicy?> GetKnownGoodPolicyAsync(string keyArn, CancellationToken cancellationToken) =>
        Task.FromResult(Policies.GetValueOrDefault(keyArn));

    public Task<AlertDecision> RegisterAlertAsync(string alertKey, TimeSpan window, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (alerts.TryGetValue(alertKey, out var last) && now - last.LastSent < window)
        {
            alerts[alertKey] = (last.LastSent, last.Suppressed + 1);
            return Task.FromResult(new AlertDecision(false, last.Suppressed + 1, last.LastSent));
        }

        alerts[alertKey] = (now, 0);
        return Task.FromResult(new AlertDecision(true, last.Suppressed, alerts.ContainsKey(alertKey) && last.LastSent != default ? last.LastSent : null));
    }

    public Dictionary<string, SweepMemory> Sweeps { get; } = new(StringComparer.Ordinal);

    public Task<SweepMemory?> GetSweepMemoryAsync(string scope, CancellationToken cancellationToken) =>
        Task.FromResult(Sweeps.GetValueOrDefault(scope));

    public Task<bool> SaveSweepMemoryAsync(SweepMemory memory, SweepMemory? expected, CancellationToken cancellationToken)
    {
        if (Sweeps.GetValueOrDefault(memory.Scope) != expected)
        {
            return Task.FromResult(false);
        }

        Sweeps[memory.Scope] = memory;
        return Task.FromResult(true);
    }

    public Dictionary<string, KeyInUse> KeysInUse { get; } = new(StringComparer.Ordinal);

    public Task<KeyInUse?> GetKeyInUseAsync(string instanceArn, CancellationToken cancellationToken) =>
        Task.FromResult(KeysInUse.GetValueOrDefault(instanceArn));

    public Task SaveKeyInUseAsync(KeyInUse keyInUse, CancellationToken cancellationToken)
    {
        KeysInUse[keyInUse.InstanceArn] = keyInUse;
        return Task.CompletedTask;
    }
}
