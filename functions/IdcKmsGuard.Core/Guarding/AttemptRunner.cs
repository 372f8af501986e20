using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Delivery;
using IdcKmsGuard.Core.Errors;
using IdcKmsGuard.Core.State;
using Microsoft.Extensions.Logging;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>
/// Runs one attempt at a claimed event: the journal that records every change first, the configuration it decides on,
/// and the end of the attempt. A failure that may pass gives the event back (journal kept) so that the retry finishes
/// it; the last delivery, or one that lost track of its changes, reports instead, and only then is the event done.
/// </summary>
internal sealed class AttemptRunner(
    IEventLedger ledger,
    ChangeEvidence evidence,
    GuardOptions options,
    Func<CancellationToken, Task<ConfigurationSnapshot>> configuration,
    EventReporter reporter,
    TimeProvider time,
    ILogger logger)
{
    // EventBridge redelivers for up to 24 hours and Lambda retries for up to 6: remember handled events longer.
    public static readonly TimeSpan KeepHandledEvents = TimeSpan.FromHours(48);

    public delegate Task<GuardResult> Decision(EventAttempt attempt, ChangeJournal journal, ConfigurationSnapshot snapshot, InvocationBudget budget);

    public async Task<GuardResult> RunAsync(EventAttempt attempt, InvocationBudget budget, Decision decide)
    {
        if (attempt.Claim.Attempt >= attempt.Deliveries && !attempt.LateReport && budget.Deadline is not null)
        {
            using var last = budget.ForLastAttempt();
            return await AttemptAsync(attempt, last, decide).ConfigureAwait(false);
        }

        return await AttemptAsync(attempt, budget, decide).ConfigureAwait(false);
    }

    // What the last delivery keeps for itself after waiting out another holder's lease: the event's work and its report.
    private static readonly TimeSpan TakeOverNeeds = TimeSpan.FromSeconds(2);

    /// <param name="deliveries">How often the event is delivered: the last delivery takes over from a holder whose lease
    /// ends in time (it died without giving the event back), since no later delivery would report the event.</param>
    /// <exception cref="RetryLaterException">Another invocation holds the event, or the claim could not be made in time.</exception>
    public async Task<LedgerClaim> ClaimAsync(string eventId, int deliveries, InvocationBudget budget)
    {
        var claim = await TryClaimAsync(eventId, budget).ConfigureAwait(false);
        if (claim is { Status: EventClaim.InProgress, HeldUntil: { } heldUntil } && claim.Attempt >= deliveries
            && budget.Deadline is { } deadline && heldUntil + TakeOverNeeds <= deadline)
        {
            var wait = heldUntil - time.GetUtcNow() + TimeSpan.FromMilliseconds(50);
            logger.LogWarning(
                "Event {EventId} is held until {HeldUntil} by an invocation that did not give it back; the last delivery waits to take it over",
                eventId,
                heldUntil);
            await Delay(wait, budget).ConfigureAwait(false);
            claim = await TryClaimAsync(eventId, budget).ConfigureAwait(false);
        }

        // Never "done" while someone else may still fail: Lambda's retry finds it finished, or free to take.
        return claim.Status == EventClaim.InProgress
            ? throw new RetryLaterException(
                RetryLaterException.EventInProgress, $"Event {eventId} is being handled by another invocation; this delivery is retried later.")
            : claim;
    }

    private async Task Delay(TimeSpan wait, InvocationBudget budget)
    {
        try
        {
            await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, time, budget.Work).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (budget.WorkStopped)
        {
            throw new RetryLaterException(
                RetryLaterException.DeadlineExceeded, "The deadline came while waiting to take the event over; nothing was changed.", e);
        }
    }

    private async Task<LedgerClaim> TryClaimAsync(string eventId, InvocationBudget budget)
    {
        LedgerClaim claim;
        try
        {
            claim = await ledger.ClaimAsync(eventId, budget.LeaseUntil, budget.Work).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (budget.WorkStopped)
        {
            throw new RetryLaterException(
                RetryLaterException.DeadlineExceeded, $"Event {eventId} could not be claimed before the deadline; nothing was changed.", e);
        }

        return claim;
    }

    public async Task ReleaseQuietlyAsync(LedgerClaim claim, CancellationToken cancellationToken) =>
        await ReleaseQuietlyAsync(ledger, claim, cancellationToken).ConfigureAwait(false);

    private async Task<GuardResult> AttemptAsync(EventAttempt attempt, InvocationBudget budget, Decision decide)
    {
        var claim = attempt.Claim;
        var journalLedger = claim.Token is null ? StatelessStore.Instance : ledger;
        var journal = new ChangeJournal(journalLedger, claim, attempt.Event.Raw, attempt.Deliveries, evidence, time, options.ChangeBackoff);
        using var alertsSent = AlertsToRecord.Begin();
        ConfigurationSnapshot? snapshot = null;
        GuardResult result;
        try
        {
            snapshot = await ReadAhead.TakeOr(AheadReads.Configuration, configuration, budget.Work).ConfigureAwait(false);
            result = await decide(attempt, journal, snapshot, budget).ConfigureAwait(false);
        }
        catch (Exception e) when (Ours(e, budget))
        {
            // The last delivery, or one that could not journal what it changed, reports now: nobody else would.
            await journal.FlushAsync(budget.Finish).ConfigureAwait(false);
            var reported = await reporter.ReportUnfinishedAsync(attempt.Event, journal, snapshot ?? ConfigurationSnapshot.Defaults, e, budget)
                .ConfigureAwait(false);
            if (reported is null || !journal.IsLastAttempt)
            {
                // The journal stays with the claim: the retry (or whoever comes next) finishes what this began.
                await ReleaseQuietlyAsync(journalLedger, claim, budget.Finish).ConfigureAwait(false);
                ThrowIfOutOfTime(claim, e);
                throw;
            }

            result = reported;
        }

        try
        {
            var completion = new EventCompletion(KeepHandledEvents)
            {
                AlertsSent = alertsSent.Sent,
                UnfinishedOn = [.. journal.Journal.Scopes.Select(s => s.Scope)],
                Memory = journal.Memory.Updates(time.GetUtcNow()),
            };
            await journalLedger.CompleteAsync(claim, completion, budget.Finish).ConfigureAwait(false);
        }
        catch (Exception e) when (Ours(e, budget))
        {
            // The alert is out; the retry finds the event unfinished and publishes nothing new (the same alert id).
            await journal.FlushAsync(budget.Finish).ConfigureAwait(false);
            await ReleaseQuietlyAsync(journalLedger, claim, budget.Finish).ConfigureAwait(false);
            ThrowIfOutOfTime(claim, e);
            throw;
        }

        return result;
    }

    // Failures this invocation answers for; the runtime stopping (its own token) is not one of them.
    private static bool Ours(Exception e, InvocationBudget budget) =>
        e is not ClaimLostException && !(e is OperationCanceledException && !budget.WorkStopped);

    private static void ThrowIfOutOfTime(LedgerClaim claim, Exception failure)
    {
        if (failure is OperationCanceledException)
        {
            throw new RetryLaterException(
                RetryLaterException.DeadlineExceeded,
                $"Event {claim.EventId} ran out of time (attempt {claim.Attempt}); what it changed is journaled and Lambda's retry finishes it.",
                failure);
        }
    }

    private async Task ReleaseQuietlyAsync(IEventLedger from, LedgerClaim claim, CancellationToken cancellationToken)
    {
        try
        {
            await from.ReleaseAsync(claim, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is GuardException or OperationCanceledException or HttpRequestException or IOException)
        {
            // The lease ends a few seconds after this invocation's deadline; Lambda's retry comes later than that.
            logger.LogWarning(e, "Could not release the claim on {EventId}; a retry can take it once the lease runs out", claim.EventId);
        }
    }
}
