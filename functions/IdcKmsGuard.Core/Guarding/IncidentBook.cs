using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Rules;
using IdcKmsGuard.Core.State;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>
/// What stays open per scope (a key, a replica, an instance) between invocations: the sweep alerts on a change of it,
/// and an event that finds it fixed closes it with one notice. The memory is written only after the alert it
/// decided went out, so a failed publish leaves the change to be announced by the retry.
/// </summary>
internal sealed class IncidentBook(IIncidentMemory state, TimeProvider time)
{
    /// <summary>The sweep's decision for one scope, read from memory; <c>CommitAsync</c> stores it.</summary>
    /// <param name="told">The change behind each open finding, as the sweep knew it.</param>
    /// <param name="notJudged">Rules switched off: their incidents stay as they are.</param>
    public async Task<IncidentVerdict> JudgeAsync(
        IncidentScope scope, IReadOnlyList<Finding> findings, RuleCauses told, RuleSet notJudged, int repeatAfter, CancellationToken cancellationToken)
    {
        var stored = await state.GetIncidentMemoryAsync(scope, cancellationToken).ConfigureAwait(false);
        var (change, next) = SweepDecision.Decide(scope, stored, findings, repeatAfter, time.GetUtcNow(), told, notJudged);
        return new IncidentVerdict(scope, change, stored, next, findings, repeatAfter) { Told = told, NotJudged = notJudged };
    }

    public async Task CommitAsync(IncidentVerdict verdict, CancellationToken cancellationToken)
    {
        // Healthy hour after healthy hour needs no write: only open findings are counted.
        if (verdict.Next == verdict.Stored || (verdict.Stored is { IsHealthy: true } && verdict.Next.IsHealthy))
        {
            return;
        }

        if (await state.SaveIncidentMemoryAsync(verdict.Next, verdict.Stored, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        // An event wrote in between: decide again from what is stored now (the alert already went out).
        await IncidentMemoryUpdates.UpdateAsync(
            state,
            verdict.Scope,
            stored => (
                SweepDecision.Decide(verdict.Scope, stored, verdict.Findings, verdict.RepeatAfter, time.GetUtcNow(), verdict.Told, verdict.NotJudged).Next,
                true),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A scope judged in full outside the sweep, as the sweep would: the next sweep does not announce it again.</summary>
    public Task RememberJudgedAsync(IncidentScope scope, IReadOnlyList<Finding> findings, int repeatAfter, CancellationToken cancellationToken) =>
        IncidentMemoryUpdates.UpdateAsync(
            state,
            scope,
            stored => (SweepDecision.Decide(scope, stored, findings, repeatAfter, time.GetUtcNow()).Next, true),
            cancellationToken);

    /// <summary>The scope's incident memory, read once for the event that reports on it.</summary>
    public async Task<StoredIncident> ReadAsync(IncidentScope scope, CancellationToken cancellationToken) =>
        new(await AheadReads.IncidentMemory(state, scope).TakeAsync(cancellationToken).ConfigureAwait(false));

    /// <summary>An event's alert on a scope: the rules it checked take their new state, the rest stay as remembered.</summary>
    /// <param name="told">The change behind each open finding, as the event knew it.</param>
    /// <param name="read">The memory as the event read it before its alert.</param>
    /// <param name="at">When the event judged (<see cref="IncidentOf"/>'s).</param>
    public Task RecordAsync(
        IncidentScope scope,
        IReadOnlyList<Finding> findings,
        RuleSet checkedRules,
        RuleCauses told,
        StoredIncident read,
        DateTimeOffset at,
        CancellationToken cancellationToken) =>
        IncidentMemoryUpdates.UpdateAsync(
            state,
            scope,
            previous => (SweepDecision.Merge(scope, previous, findings, checkedRules, at, told), true),
            cancellationToken,
            read);

    /// <summary>Where an event's alert on the scope stands in its incident: the memory it read, and the one
    /// <see cref="RecordAsync"/> will write.</summary>
    /// <param name="at">When the event judged: the same for the alert and <see cref="RecordAsync"/>, so that an incident it
    /// opens is named by the time it is stored with.</param>
    public static AlertIncident? IncidentOf(
        IncidentScope scope, StoredIncident read, IReadOnlyList<Finding> findings, RuleSet checkedRules, RuleCauses told, DateTimeOffset at) =>
        IncidentLife.Between(scope, read.Memory, SweepDecision.Merge(scope, read.Memory, findings, checkedRules, at, told));

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>What an event that found the scope healthy closes: the open rules it verified (null: nothing open).</summary>
    public async Task<IncidentClosing?> ClosingAsync(IncidentScope scope, RuleSet verified, CancellationToken cancellationToken)
    {
        var stored = (await ReadAsync(scope, cancellationToken).ConfigureAwait(false)).Memory;
        var closed = (stored?.Open ?? RuleSet.Empty).Intersect(verified);
        return stored is null || closed.IsEmpty ? null : new IncidentClosing(scope, stored, closed, stored.Open.Except(verified), verified);
    }

    public Task CommitAsync(IncidentClosing closing, CancellationToken cancellationToken) =>
        IncidentMemoryUpdates.UpdateAsync(state, closing.Scope, stored =>
        {
            var open = stored?.Open ?? RuleSet.Empty;
            var remaining = open.Except(closing.Verified);
            IncidentMemory? next = remaining.Count == open.Count ? null
                : remaining.IsEmpty ? IncidentMemory.After(closing.Scope, stored, RuleSet.Empty, time.GetUtcNow(), RuleCauses.None)
                : stored! with { Open = remaining, Told = stored.Told.For(remaining) };
            return (next, true);
        }, cancellationToken, new StoredIncident(closing.Open));
}

internal sealed record IncidentVerdict(
    IncidentScope Scope,
    SweepChange Change,
    IncidentMemory? Stored,
    IncidentMemory Next,
    IReadOnlyList<Finding> Findings,
    int RepeatAfter)
{
    public RuleCauses Told { get; init; } = RuleCauses.None;

    public RuleSet NotJudged { get; init; } = RuleSet.Empty;
}

/// <param name="Open">The memory before closing: since when, and every rule that was open.</param>
internal sealed record IncidentClosing(
    IncidentScope Scope,
    IncidentMemory Open,
    RuleSet Closed,
    RuleSet Remaining,
    RuleSet Verified);
