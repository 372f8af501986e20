
namespace IdcKmsGuard.Core.State;

/// <summary>
/// For running without a table (the CLI against a live account, tests of other concerns): every event is new,
/// every alert goes out, nothing is remembered, and a journal lives only as long as its invocation.
/// </summary>
public sealed class StatelessStore
    : IEventLedger, IAlertLedger, IKnownGoodPolicies, IIncidentMemory, IKeyInUseMemory, IFollowUpEvents, IConfigurationHistory,
    IKeyUseTallies
{
    public static StatelessStore Instance { get; } = new();

    public Task<LedgerClaim> ClaimAsync(string eventId, DateTimeOffset leaseUntil, CancellationToken cancellationToken) =>
        Task.FromResult(LedgerClaim.Unrecorded(eventId));

    public Task SaveJournalAsync(LedgerClaim claim, EventJournal journal, string scope, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task CompleteAsync(LedgerClaim claim, EventCompletion completion, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task ReleaseAsync(LedgerClaim claim, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyList<string>> UnfinishedAsync(string? scope, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<string>>([]);

    public Task<AlertDecision> DecideAsync(string alertKey, TimeSpan window, CancellationToken cancellationToken) =>
        Task.FromResult(new AlertDecision(true, 0, null));

    public Task CountRepeatAsync(string alertKey, TimeSpan window, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task RecordSentAsync(string alertKey, TimeSpan window, CancellationToken cancellationToken) => Task.CompletedTask;

    // Without a table no follow-up can be taken back: the guard schedules them only with one.
    public Task KeepFollowUpEventAsync(string eventId, string eventJson, DateTimeOffset keepUntil, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<string?> FindFollowUpEventAsync(string eventId, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    // Without memory every configuration is new and nothing is announced: the CLI has no history to compare with.
    public Task<AnnouncedConfiguration?> LastAnnouncedAsync(string source, CancellationToken cancellationToken) =>
        Task.FromResult<AnnouncedConfiguration?>(null);

    public Task SaveAnnouncedAsync(AnnouncedConfiguration announced, CancellationToken cancellationToken) => Task.CompletedTask;

    // Without memory every batch of refusals opens a burst of its own: each alerts.
    public Task<KeyUseTally?> GetKeyUseTallyAsync(string keyId, CancellationToken cancellationToken) => Task.FromResult<KeyUseTally?>(null);

    public Task<bool> SaveKeyUseTallyAsync(KeyUseTally tally, CancellationToken cancellationToken) => Task.FromResult(true);

    public Task SaveKnownGoodPolicyAsync(KnownGoodPolicy policy, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<KnownGoodPolicy?> GetKnownGoodPolicyAsync(string keyArn, CancellationToken cancellationToken) => Task.FromResult<KnownGoodPolicy?>(null);

    // Without memory every sweep is the first: it reports whatever it finds.
    public Task<IncidentMemory?> GetIncidentMemoryAsync(IncidentScope scope, CancellationToken cancellationToken) => Task.FromResult<IncidentMemory?>(null);

    public Task<ScopeRecord> ReadScopeAsync(IncidentScope scope, CancellationToken cancellationToken) => Task.FromResult(ScopeRecord.Empty);

    public Task<bool> SaveIncidentMemoryAsync(IncidentMemory memory, IncidentMemory? expected, CancellationToken cancellationToken) => Task.FromResult(true);

    public Task<KeyInUse?> GetKeyInUseAsync(string instanceArn, CancellationToken cancellationToken) => Task.FromResult<KeyInUse?>(null);

    public Task SaveKeyInUseAsync(KeyInUse keyInUse, CancellationToken cancellationToken) => Task.CompletedTask;
}
