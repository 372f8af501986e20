
namespace IdcKmsGuard.Core.State;

/// <summary>
/// Which events were handled, and by whom right now: at most one invocation holds an event at a time, fenced by a
/// token that every later write of the holder must present. The claim also keeps the event's journal, so the next
/// holder learns what an interrupted attempt changed.
/// </summary>
public interface IEventLedger
{
    /// <summary>
    /// Takes the event for this invocation until <paramref name="leaseUntil"/>: when nobody has it, when the last
    /// holder released it, or when the last holder's lease ran out (it crashed or was killed). Every delivery that
    /// reaches the ledger is counted, the ones that find the event held included.
    /// </summary>
    Task<LedgerClaim> ClaimAsync(string eventId, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the claim's journal and marks the event unfinished on <paramref name="scope"/>, in one write, for
    /// <see cref="UnfinishedAsync"/>; the completion clears the marks (<see cref="EventCompletion.UnfinishedOn"/>).
    /// </summary>
    /// <exception cref="ClaimLostException">Another invocation holds the event now: stop changing anything.</exception>
    Task SaveJournalAsync(LedgerClaim claim, EventJournal journal, string scope, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the event handled (its journal is dropped), kept for <see cref="EventCompletion.KeepFor"/> against
    /// redelivery, and records the alerts it sent in the same write: all of it happens, or none.
    /// </summary>
    /// <exception cref="ClaimLostException">Another invocation holds the event now.</exception>
    Task CompleteAsync(LedgerClaim claim, EventCompletion completion, CancellationToken cancellationToken);

    /// <summary>Gives the event back after a failure, journal kept, so that the retry can take it at once.</summary>
    Task ReleaseAsync(LedgerClaim claim, CancellationToken cancellationToken);

    /// <returns>The events, other than done ones, that have a journal: for <paramref name="scope"/>, or all when null.</returns>
    Task<IReadOnlyList<string>> UnfinishedAsync(string? scope, CancellationToken cancellationToken);
}
