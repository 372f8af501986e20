using IdcKmsGuard.Core.State;

namespace IdcKmsGuard.Core.Tests.Support;

/// <summary>The state ports' contracts in memory, for decision tests; the DynamoDB adapter is tested against moto.</summary>
internal sealed class InMemoryStateStore(TimeProvider time)
    : IEventLedger, IAlertLedger, IKnownGoodPolicies, IIncidentMemory, IKeyInUseMemory, IFollowUpEvents, IConfigurationHistory,
    IKeyUseTallies
{
    private readonly Dictionary<string, (DateTimeOffset LastSent, int Suppressed)> alerts = new(StringComparer.Ordinal);

    public Dictionary<string, LedgerEntry> Events { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, KnownGoodPolicy> Policies { get; } = new(StringComparer.Ordinal);

    public List<string> Released { get; } = [];

    /// <summary>Makes the next journal writes fail, as DynamoDB would when it answers 500 past the retries.</summary>
    public int FailJournalWrites { get; set; }

    /// <summary>Makes every read of the alert ledger fail, as a table throttled for good would.</summary>
    public bool FailAlertDecisions { get; set; }

    /// <summary>How many journal writes succeeded.</summary>
    public int JournalWrites { get; private set; }

    public int AlertsRecordedWithCompletion { get; private set; }

    public int AlertsRecordedAlone { get; private set; }

    public int ScopeReads { get; private set; }

    /// <summary>Makes the next completions fail the same way.</summary>
    public int FailCompletions { get; set; }

    public Task<LedgerClaim> ClaimAsync(string eventId, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var existing = Events.GetValueOrDefault(eventId);
        if (existing is { Status: "done" })
        {
            return Task.FromResult(new LedgerClaim(eventId, EventClaim.AlreadyDone, null, existing.Attempts, null));
        }

        if (existing is { Status: "processing" } && existing.LeaseUntil > now)
        {
            Events[eventId] = existing with { Attempts = existing.Attempts + 1 };
            return Task.FromResult(new LedgerClaim(eventId, EventClaim.InProgress, null, existing.Attempts + 1, null) { HeldUntil = existing.LeaseUntil });
        }

        var entry = new LedgerEntry("processing", Guid.NewGuid().ToString("N"), leaseUntil, (existing?.Attempts ?? 0) + 1, existing?.Journal, existing?.Scope);
        Events[eventId] = entry;
        return Task.FromResult(new LedgerClaim(eventId, EventClaim.Claimed, entry.Token, entry.Attempts, entry.Journal));
    }

    public Task SaveJournalAsync(LedgerClaim claim, EventJournal journal, string scope, CancellationToken cancellationToken)
    {
        if (FailJournalWrites > 0)
        {
            FailJournalWrites--;
            throw new Errors.AwsCallException("dynamodb", "UpdateItem", "InternalServerError", "injected", null, 500);
        }

        var entry = Held(claim);
        Events[claim.EventId] = entry with { Journal = EventJournalJson.Read(EventJournalJson.Write(journal)), Scope = entry.Scope ?? scope };
        JournalWrites++;
        return Task.CompletedTask;
    }

    public Task CompleteAsync(LedgerClaim claim, EventCompletion completion, CancellationToken cancellationToken)
    {
        if (FailCompletions > 0)
        {
            FailCompletions--;
            throw new Errors.AwsCallException("dynamodb", "UpdateItem", "InternalServerError", "injected", null, 500);
        }

        Events[claim.EventId] = Held(claim) with { Status = "done", Token = null, Journal = null, Scope = null };
        foreach (var (scope, update) in completion.Memory)
        {
            Apply(scope, update);
        }

        foreach (var sent in completion.AlertsSent)
        {
            alerts[sent.AlertKey] = (time.GetUtcNow(), 0);
            AlertsRecordedWithCompletion++;
        }

        return Task.CompletedTask;
    }

    public Task ReleaseAsync(LedgerClaim claim, CancellationToken cancellationToken)
    {
        if (Events.TryGetValue(claim.EventId, out var entry) && entry.Token == claim.Token)
        {
            Released.Add(claim.EventId);
            Events[claim.EventId] = entry with { Status = "released", Token = null };
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> UnfinishedAsync(string? scope, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([.. Events.Where(e => e.Value.Scope is not null && (scope is null || e.Value.Scope == scope)).Select(e => e.Key)]);

    public Task<AlertDecision> DecideAsync(string alertKey, TimeSpan window, CancellationToken cancellationToken)
    {
        if (FailAlertDecisions)
        {
            throw new Errors.AwsCallException("dynamodb", "GetItem", "ThrottlingException", "injected", null, 400);
        }

        var now = time.GetUtcNow();
        return Task.FromResult(alerts.TryGetValue(alertKey, out var last)
            ? new AlertDecision(now - last.LastSent >= window, last.Suppressed, last.LastSent)
            : new AlertDecision(true, 0, null));
    }

    public Task CountRepeatAsync(string alertKey, TimeSpan window, CancellationToken cancellationToken)
    {
        if (alerts.TryGetValue(alertKey, out var last))
        {
            alerts[alertKey] = (last.LastSent, last.Suppressed + 1);
        }

        return Task.CompletedTask;
    }

    public Task RecordSentAsync(string alertKey, TimeSpan window, CancellationToken cancellationToken)
    {
        AlertsRecordedAlone++;
        alerts[alertKey] = (time.GetUtcNow(), 0);
        return Task.CompletedTask;
    }

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

    public Dictionary<string, IncidentMemory> Incidents { get; } = new(StringComparer.Ordinal);

    public Task<IncidentMemory?> GetIncidentMemoryAsync(IncidentScope scope, CancellationToken cancellationToken) =>
        Task.FromResult(Incidents.GetValueOrDefault(scope.Arn));

    public async Task<ScopeRecord> ReadScopeAsync(IncidentScope scope, CancellationToken cancellationToken)
    {
        ScopeReads++;
        return new ScopeRecord(Incidents.GetValueOrDefault(scope.Arn), await UnfinishedAsync(scope.Arn, cancellationToken), MemoryOf(scope.Arn));
    }

    /// <summary>Per scope, the keys' memories: sightings by part and value, changes by part and event.</summary>
    public Dictionary<string, (Dictionary<(string Subject, string Value), DateTimeOffset> Seen, Dictionary<(string Subject, string EventId), KnownChange> Changes)> Memories { get; } =
        new(StringComparer.Ordinal);

    public KeyMemory MemoryOf(string scope) =>
        Memories.TryGetValue(scope, out var memory)
            ? new KeyMemory([.. memory.Changes.Values], [.. memory.Seen.Select(s => new Sighting(s.Key.Subject, s.Key.Value, s.Value))])
            : KeyMemory.Empty;

    private void Apply(string scope, KeyMemoryUpdate update)
    {
        if (!Memories.TryGetValue(scope, out var memory))
        {
            Memories[scope] = memory = ([], []);
        }

        foreach (var sighting in update.Seen)
        {
            memory.Seen[(sighting.Subject, sighting.Value)] = sighting.At;
        }

        foreach (var change in update.Learned)
        {
            memory.Changes[(change.Subject, change.EventId)] = change;
        }

        foreach (var sighting in update.ForgetSightings)
        {
            memory.Seen.Remove((sighting.Subject, sighting.Value));
        }

        foreach (var change in update.ForgetChanges)
        {
            memory.Changes.Remove((change.Subject, change.EventId));
        }
    }

    public Task<bool> SaveIncidentMemoryAsync(IncidentMemory memory, IncidentMemory? expected, CancellationToken cancellationToken)
    {
        if (Incidents.GetValueOrDefault(memory.Scope.Arn) != expected)
        {
            return Task.FromResult(false);
        }

        Incidents[memory.Scope.Arn] = memory;
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

    public Dictionary<string, (string Json, DateTimeOffset KeepUntil)> FollowUpEvents { get; } = new(StringComparer.Ordinal);

    public Task KeepFollowUpEventAsync(string eventId, string eventJson, DateTimeOffset keepUntil, CancellationToken cancellationToken)
    {
        FollowUpEvents[eventId] = (eventJson, keepUntil);
        return Task.CompletedTask;
    }

    public Task<string?> FindFollowUpEventAsync(string eventId, CancellationToken cancellationToken) =>
        Task.FromResult(FollowUpEvents.TryGetValue(eventId, out var kept) && kept.KeepUntil >= time.GetUtcNow() ? kept.Json : null);

    public Dictionary<string, AnnouncedConfiguration> Announced { get; } = new(StringComparer.Ordinal);

    public Task<AnnouncedConfiguration?> LastAnnouncedAsync(string source, CancellationToken cancellationToken) =>
        Task.FromResult(Announced.GetValueOrDefault(source));

    public Task SaveAnnouncedAsync(AnnouncedConfiguration announced, CancellationToken cancellationToken)
    {
        var newer = !Announced.TryGetValue(announced.Source, out var kept)
            || (announced.ModifiedAt is { } written && kept.ModifiedAt is { } before
                ? before < written
                : long.Parse(kept.Version, System.Globalization.CultureInfo.InvariantCulture) < long.Parse(announced.Version, System.Globalization.CultureInfo.InvariantCulture));
        if (newer)
        {
            Announced[announced.Source] = announced;
        }

        return Task.CompletedTask;
    }

    private LedgerEntry Held(LedgerClaim claim) =>
        Events.TryGetValue(claim.EventId, out var entry) && entry.Token == claim.Token && claim.Token is not null
            ? entry
            : throw new ClaimLostException(claim.EventId);

    public Dictionary<string, KeyUseTally> KeyUseTallies { get; } = new(StringComparer.Ordinal);

    public int KeyUseTallyWrites { get; private set; }

    public Task<KeyUseTally?> GetKeyUseTallyAsync(string keyId, CancellationToken cancellationToken) =>
        Task.FromResult(KeyUseTallies.GetValueOrDefault(keyId));

    public Task<bool> SaveKeyUseTallyAsync(KeyUseTally tally, CancellationToken cancellationToken)
    {
        var stored = KeyUseTallies.GetValueOrDefault(tally.KeyId)?.Revision ?? 0;
        if (stored != tally.Revision - 1)
        {
            return Task.FromResult(false);
        }

        KeyUseTallies[tally.KeyId] = tally;
        KeyUseTallyWrites++;
        return Task.FromResult(true);
    }
}

/// <summary>One event's claim as the ledger keeps it.</summary>
internal sealed record LedgerEntry(string Status, string? Token, DateTimeOffset LeaseUntil, int Attempts, EventJournal? Journal, string? Scope);
