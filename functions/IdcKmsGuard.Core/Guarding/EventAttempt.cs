using IdcKmsGuard.Core.Events;
using IdcKmsGuard.Core.FollowUps;
using IdcKmsGuard.Core.State;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>One delivery of an event (or of a follow-up of it) that holds the event's claim.</summary>
/// <param name="Deliveries">How often the event is delivered at most: the attempt that reaches it reports whatever is left.</param>
/// <param name="LateReport">An earlier attempt was interrupted and another invocation finishes its report, changing nothing.</param>
internal sealed record EventAttempt(GuardEvent Event, FollowUp? FollowUp, LedgerClaim Claim, int Deliveries, bool LateReport);
