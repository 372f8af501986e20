
namespace IdcKmsGuard.Core.State;

/// <summary>The answer to a claim.</summary>
/// <param name="Token">Set when claimed: presented with every later write of this holder.</param>
/// <param name="Attempt">Which delivery of the event this is (1 for the first), counted by the ledger.</param>
/// <param name="Journal">What earlier attempts recorded, when any did.</param>
public sealed record LedgerClaim(string EventId, EventClaim Status, string? Token, int Attempt, EventJournal? Journal)
{
    /// <summary>For <see cref="EventClaim.InProgress"/>: when the holder's lease ends, when the ledger knows it.</summary>
    public DateTimeOffset? HeldUntil { get; init; }

    public static LedgerClaim Unrecorded(string eventId) => new(eventId, EventClaim.Claimed, null, 1, null);
}
