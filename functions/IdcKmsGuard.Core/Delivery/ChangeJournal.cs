using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Errors;
using IdcKmsGuard.Core.State;

namespace IdcKmsGuard.Core.Delivery;

/// <summary>
/// The one way the guard changes anything. Each change is journaled with the event's claim before it is sent; AWS's
/// answer is kept in memory and written with the next write of the journal, or by <see cref="FlushAsync"/> before a
/// failed attempt gives the event back (a completed event drops its journal, so the answer needs no write of its
/// own). A process that dies in between leaves the change "planned", which the next holder settles by re-reading the
/// state, as it does a call whose answer was lost. <see cref="ChangeSender"/> sends it (never twice blindly). Failures
/// that may pass are noted, so that the guard can ask Lambda for a retry instead of leaving the key broken.
/// </summary>
internal sealed class ChangeJournal
{
    private readonly IEventLedger ledger;
    private readonly LedgerClaim claim;
    private readonly ChangeSender sender;
    private readonly int maxAttempts;
    private readonly List<string> transientFailures = [];
    private readonly EarlierAttempts earlier;
    private EventJournal current;
    private bool appliedNow;
    private string? unsavedScope;
    private readonly List<(string Scope, JournaledChange Change)> madeNow = [];

    /// <param name="eventJson">The event as received, journaled so that another invocation can finish it.</param>
    /// <param name="maxAttempts">How many times Lambda delivers the event (the first and its retries).</param>
    /// <param name="backoff">The first wait before a throttled or unanswered change is sent again.</param>
    public ChangeJournal(
        IEventLedger ledger, LedgerClaim claim, string? eventJson, int maxAttempts, ChangeEvidence evidence, TimeProvider time, TimeSpan? backoff = null)
    {
        this.ledger = ledger;
        this.claim = claim;
        sender = new ChangeSender(evidence, time, backoff ?? TimeSpan.FromMilliseconds(100));
        this.maxAttempts = maxAttempts;
        current = claim.Journal ?? new EventJournal(eventJson is { Length: <= MaxJournaledEventChars } ? eventJson : null, []);
        earlier = new EarlierAttempts(claim.Journal, evidence, () => IsLastAttempt);
    }

    /// <summary>Events above this size are not journaled whole (a DynamoDB item holds 400 KB); only their own retry can finish them.</summary>
    public const int MaxJournaledEventChars = 128 * 1024;

    public int Attempt => claim.Attempt;

    /// <summary>No retry follows this attempt: whatever is found must be reported now.</summary>
    public bool IsLastAttempt => claim.Attempt >= maxAttempts;

    /// <summary>Something failed that may pass, and Lambda will deliver the event again.</summary>
    public bool WantsRetry => transientFailures.Count > 0 && !IsLastAttempt;

    public IReadOnlyList<string> TransientFailures => transientFailures;

    /// <summary>
    /// This attempt changed something and then could not journal it: a retry could not learn of the change from the
    /// journal alone, so this attempt must report it before it gives up.
    /// </summary>
    public bool LostTrack { get; private set; }

    public EventJournal Journal => current;

    /// <summary>What this attempt saw of the keys and learned of their changes, written with its completion.</summary>
    public KeyMemoryNotes Memory { get; } = new();

    public void NoteTransient(string what) => transientFailures.Add(what);

    /// <summary>
    /// What earlier attempts at this event changed on <paramref name="scope"/> (null: nothing, or reported already),
    /// each change whose answer was lost settled by re-reading. Asked once per scope: the review reports it.
    /// </summary>
    public async Task<ScopeJournal?> EarlierWorkAsync(string scope, CancellationToken cancellationToken)
    {
        var settled = await earlier.SettleAsync(scope, cancellationToken).ConfigureAwait(false);
        if (settled is not null)
        {
            // A re-read settled a change an earlier attempt left "planned": the next holder should not have to again.
            unsavedScope = current.For(scope)?.Changes.SequenceEqual(settled.Changes) == true ? unsavedScope : scope;
            current = current.With(settled);
        }

        return settled;
    }

    /// <summary>
    /// Reads once more, after this attempt's own reads and changes, what <see cref="EarlierWorkAsync"/> found not in
    /// effect: a hung call can land between two reads. A change that landed is reported as done.
    /// </summary>
    public async Task<ScopeJournal> SettleLateAsync(ScopeJournal earlierWork, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(earlierWork);
        var settled = await earlier.SettleLateAsync(
            earlierWork,
            change => madeNow.Any(m => m.Scope == earlierWork.Scope && m.Change.Action == change.Action && m.Change.Target == change.Target),
            cancellationToken).ConfigureAwait(false);
        if (!ReferenceEquals(settled, earlierWork) && current.For(earlierWork.Scope) is { } kept)
        {
            // This attempt's own changes on the scope follow the earlier ones: only those are replaced.
            current = current.With(kept with { Changes = [.. settled.Changes, .. kept.Changes.Skip(settled.Changes.Count)] });
        }

        return settled;
    }

    /// <summary>Sends <paramref name="change"/> as described above and returns the step the alert reports.</summary>
    public async Task<RemediationStep> ApplyAsync(ChangeContext context, PlannedChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(change);
        var planned = new JournaledChange(change.Action, change.Target, ChangeStatus.Planned, change.Done, change.Expected);
        int index;
        try
        {
            index = await RecordAsync(context, planned, index: null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (appliedNow && e is not ClaimLostException)
        {
            // Nothing is sent unjournaled; what was already changed must still be reported.
            LostTrack = true;
            throw;
        }

        var outcome = await sender.SendAsync(change, cancellationToken).ConfigureAwait(false);
        appliedNow |= outcome.Status == ChangeStatus.Applied;
        madeNow.Add((context.Scope, outcome));
        if (outcome.Transient)
        {
            NoteTransient($"{change.Action} on {change.Target}: {outcome.Detail}");
        }

        Remember(context, outcome, index);
        unsavedScope = context.Scope;
        return ToStep(outcome);
    }

    /// <summary>
    /// Writes the answers kept in memory, before a failed attempt gives the event back; one that cannot be written
    /// leaves the change "planned" for the next holder to settle, and this attempt reports what it changed.
    /// </summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (unsavedScope is not { } scope)
        {
            return;
        }

        try
        {
            await SaveAsync(scope, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not ClaimLostException && e is GuardException or OperationCanceledException or HttpRequestException or IOException)
        {
            // Another holder of the event settles the planned change by re-reading; a failed write leaves nobody to.
            LostTrack = appliedNow;
        }
    }

    /// <summary>The steps this attempt took on <paramref name="scope"/>, for a review that failed after making them.</summary>
    public IReadOnlyList<RemediationStep> StepsMadeNow(string scope) => [.. madeNow.Where(m => m.Scope == scope).Select(m => ToStep(m.Change))];

    /// <summary>Marks a scope's changes as reported, so that a retry of a sweep does not announce them twice.</summary>
    public async Task MarkReportedAsync(string scope, CancellationToken cancellationToken)
    {
        if (current.For(scope) is not { Reported: false } entry || entry.Changes.Count == 0)
        {
            return;
        }

        current = current.With(entry with { Reported = true });
        await SaveAsync(scope, cancellationToken).ConfigureAwait(false);
    }

    public static RemediationStep ToStep(JournaledChange change) => new(
        change.Action,
        change.Status switch
        {
            ChangeStatus.Applied => StepStatus.Fixed,
            ChangeStatus.Failed => StepStatus.Failed,
            _ => StepStatus.Unconfirmed,
        },
        change.Status == ChangeStatus.Planned ? "Sent; the answer was lost, and a re-read could not tell whether it took effect." : change.Detail);

    private async Task<int> RecordAsync(ChangeContext context, JournaledChange change, int? index, CancellationToken cancellationToken)
    {
        var at = Remember(context, change, index);
        await SaveAsync(context.Scope, cancellationToken).ConfigureAwait(false);
        return at;
    }

    // Every write stores the whole journal, the answers kept in memory with it.
    private async Task SaveAsync(string scope, CancellationToken cancellationToken)
    {
        await ledger.SaveJournalAsync(claim, current, scope, cancellationToken).ConfigureAwait(false);
        unsavedScope = null;
    }

    private int Remember(ChangeContext context, JournaledChange change, int? index)
    {
        var entry = current.For(context.Scope) ?? new ScopeJournal(context.Scope, context.StateBefore, [], []);
        var findings = entry.Findings.Concat(context.Findings.Where(f => !entry.Findings.Any(e => e.RuleId == f.RuleId && e.Message == f.Message))).ToList();
        List<JournaledChange> changes = [.. entry.Changes];
        var at = index ?? changes.Count;
        if (index is null)
        {
            changes.Add(change);
        }
        else
        {
            changes[at] = change;
        }

        current = current.With(entry with { Findings = findings, Changes = changes, Reported = false });
        return at;
    }
}
