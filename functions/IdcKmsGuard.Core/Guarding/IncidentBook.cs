using IdcKmsGuard.Core.Alerts;
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
    public async Task<IncidentVerdict> JudgeAsync(string scope, IReadOnlyList<Finding> findings, int repeatAfter, CancellationToken cancellationToken)
    {
        var stored = await state.GetIncidentMemoryAsync(scope, cancellationToken).ConfigureAwait(false);
        var (change, next) = SweepDecision.Decide(scope, stored, findings, repeatAfter, time.GetUtcNow());
        return new IncidentVerdict(scope, change, stored, next, findings, repeatAfter);
    }

    public async Task CommitAsync(IncidentVerdict verdict, CancellationToken cancellationToken)
    {
        // Healthy hour after healthy hour needs no write: only open findings are counted.
        if (verdict.Next == verdict.Stored || (verdict.Stored is { Fingerprint.Length: 0 } && verdict.Next.Fingerprint.Length == 0))
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
            stored => (SweepDecision.Decide(verdict.Scope, stored, verdict.Findings, verdict.RepeatAfter, time.GetUtcNow()).Next, true),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>An event's alert on a scope: the rules it judged take their new state, the rest stay as remembered.</summary>
    public Task RecordAsync(string scope, IReadOnlyList<Finding> findings, IReadOnlySet<string> judged, CancellationToken cancellationToken) =>
        IncidentMemoryUpdates.UpdateAsync(
            state,
            scope,
            previous => (SweepDecision.Merge(scope, previous, findings, judged, time.GetUtcNow()), true),
            cancellationToken);

    /// <summary>What an event that found the scope healthy closes: the open rules it verified (null: nothing open).</summary>
    public async Task<IncidentClosing?> ClosingAsync(string scope, IReadOnlySet<string> verified, CancellationToken cancellationToken)
    {
        var stored = await state.GetIncidentMemoryAsync(scope, cancellationToken).ConfigureAwait(false);
        var rules = (stored?.Fingerprint ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries);
        List<string> closed = [.. rules.Where(verified.Contains)];
        return stored is null || closed.Count == 0 ? null : new IncidentClosing(scope, stored, closed, [.. rules.Where(r => !verified.Contains(r))], verified);
    }

    public Task CommitAsync(IncidentClosing closing, CancellationToken cancellationToken) =>
        IncidentMemoryUpdates.UpdateAsync(state, closing.Scope, stored =>
        {
            var rules = (stored?.Fingerprint ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries);
            List<string> remaining = [.. rules.Where(r => !closing.Verified.Contains(r))];
            IncidentMemory? next = remaining.Count == rules.Length ? null
                : remaining.Count == 0 ? new IncidentMemory(closing.Scope, string.Empty, 1, time.GetUtcNow())
                : stored! with { Fingerprint = string.Join(",", remaining) };
            return (next, true);
        }, cancellationToken);
}

internal sealed record IncidentVerdict(
    string Scope,
    SweepChange Change,
    IncidentMemory? Stored,
    IncidentMemory Next,
    IReadOnlyList<Finding> Findings,
    int RepeatAfter);

/// <param name="Open">The memory before closing: since when, and every rule that was open.</param>
internal sealed record IncidentClosing(
    string Scope,
    IncidentMemory Open,
    IReadOnlyList<string> Closed,
    IReadOnlyList<string> Remaining,
    IReadOnlySet<string> Verified);
