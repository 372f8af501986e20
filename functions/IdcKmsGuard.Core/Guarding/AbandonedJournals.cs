using IdcKmsGuard.Core.Delivery;
using IdcKmsGuard.Core.Errors;
using IdcKmsGuard.Core.Events;
using IdcKmsGuard.Core.State;
using Microsoft.Extensions.Logging;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>
/// Finishes the journals that interrupted attempts left behind: each such event is taken over and reported late,
/// changing nothing. One that cannot be finished now stays for the next invocation.
/// </summary>
internal sealed class AbandonedJournals(
    IEventLedger ledger,
    AttemptRunner attempts,
    AttemptRunner.Decision decide,
    ILogger logger)
{
    /// <param name="scope">The key whose journals to finish; null: every scope (the sweep).</param>
    /// <param name="ownEventId">The event this invocation handles, never taken over by itself.</param>
    public async Task FinishAsync(string? scope, string? ownEventId, InvocationBudget budget)
    {
        IReadOnlyList<string> unfinished;
        try
        {
            unfinished = scope is null
                ? await ledger.UnfinishedAsync(scope, budget.Work).ConfigureAwait(false)
                : await AheadReads.Unfinished(ledger, scope).TakeAsync(budget.Work).ConfigureAwait(false);
        }
        catch (AwsCallException e)
        {
            logger.LogWarning(
                e,
                "Could not look for unfinished journals{Scope}; the next invocation looks again",
                scope is null ? string.Empty : $" on {scope}");
            return;
        }

        var others = unfinished.Where(id => id != ownEventId).ToList();
        if (others.Count > 0)
        {
            // Finishing them takes time and publishes: what this attempt read ahead is no longer current.
            ReadAhead.Forget();
        }

        foreach (var eventId in others)
        {
            try
            {
                await FinishOneAsync(eventId, scope, budget).ConfigureAwait(false);
            }
            catch (GuardException e)
            {
                logger.LogWarning(e, "Could not finish event {EventId} now; it stays for the next invocation", eventId);
            }
        }
    }

    private async Task FinishOneAsync(string eventId, string? scope, InvocationBudget budget)
    {
        var claim = await ledger.ClaimAsync(eventId, budget.LeaseUntil, budget.Work).ConfigureAwait(false);
        if (claim.Status != EventClaim.Claimed)
        {
            return;
        }

        if (claim.Journal is null && scope is not null)
        {
            // Marked unfinished, but its journal is gone (the item expired): nothing is left to finish but the mark.
            var forgotten = new EventCompletion(AttemptRunner.KeepHandledEvents) { UnfinishedOn = [scope] };
            await ledger.CompleteAsync(claim, forgotten, budget.Finish).ConfigureAwait(false);
            return;
        }

        if (claim.Journal?.EventJson is not { } json)
        {
            // Only the event's own retry can finish it (it was too large to journal whole).
            await attempts.ReleaseQuietlyAsync(claim, budget.Finish).ConfigureAwait(false);
            return;
        }

        logger.LogWarning("Finishing event {EventId}, which attempt {Attempt} left unfinished", eventId, claim.Attempt - 1);
        using var ownReads = ReadAhead.Begin(budget.Work);
        var late = new EventAttempt(EventReader.Read(json), FollowUp: null, claim, claim.Attempt, LateReport: true);
        await attempts.RunAsync(late, budget, decide).ConfigureAwait(false);
    }
}
