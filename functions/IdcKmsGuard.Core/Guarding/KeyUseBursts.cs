using IdcKmsGuard.Core.Delivery;
using IdcKmsGuard.Core.Errors;
using IdcKmsGuard.Core.Events;
using IdcKmsGuard.Core.FollowUps;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.State;
using Microsoft.Extensions.Logging;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>
/// Refused calls of Identity Center come in bursts: once its key breaks, every sign-in fails. A batch of them for one
/// key is counted in the key's tally with one read and one write; only the first refusal of a burst, and one every
/// <see cref="KeyUseCadence.UpdateEvery"/>, is reviewed and alerted on through the ordinary event path (claim,
/// re-read, repair, alert). A quiet check closes the burst once refusals stop: "resolved" if the key is healthy.
/// </summary>
internal sealed class KeyUseBursts(IKeyUseTallies tallies, FollowUpPlanner followUps, TimeProvider time, ILogger logger)
{
    private const int MaxWrites = 3;

    public delegate Task<GuardResult> Handle(GuardEvent guardEvent, FollowUp? followUp, InvocationBudget budget);

    public KeyUseCadence Cadence { get; set; } = KeyUseCadence.Standard;

    /// <summary>The key a refusal is about: one burst per key id, whatever Region or form the record names it in.</summary>
    public static string KeyIdOf(GuardEvent refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        var references = refusal.KeyRefs.Select(KeyReference.Classify).ToList();
        return references.FirstOrDefault(r => r.Arn is not null)?.Arn!.KeyId
            ?? references.FirstOrDefault(r => r.Kind == KeyReferenceKind.KeyId)?.Value
            ?? references.FirstOrDefault()?.Value
            ?? "(no key)";
    }

    /// <summary>Counts refusals of one key; the first of a burst, or an update that is due, is reviewed and alerted on.</summary>
    /// <exception cref="ConcurrencyConflictException">Other invocations kept writing the key's tally: the batch is retried.</exception>
    public async Task<GuardResult> CountAsync(IReadOnlyList<GuardEvent> refusals, InvocationBudget budget, Handle handle)
    {
        ArgumentNullException.ThrowIfNull(refusals);
        ArgumentNullException.ThrowIfNull(budget);
        var distinct = refusals.DistinctBy(r => r.EventId ?? r.Raw ?? r.EventName, StringComparer.Ordinal).ToList();
        var keyId = distinct.Count > 0 ? KeyIdOf(distinct[0]) : throw new ArgumentException("No refusals to count.", nameof(refusals));
        if (distinct.Any(r => r.Trigger != Trigger.KeyUseFailed || KeyIdOf(r) != keyId))
        {
            throw new ArgumentException($"Every refusal of a batch must be a {nameof(Trigger.KeyUseFailed)} of key {keyId}.", nameof(refusals));
        }

        var latest = distinct.MaxBy(r => r.EventTime ?? DateTimeOffset.MinValue)!;
        var counts = KeyUseCounts.Of(distinct);
        GuardResult? announced = null;
        for (var write = 1; ; write++)
        {
            var now = time.GetUtcNow();
            var stored = await tallies.GetKeyUseTallyAsync(keyId, budget.Work).ConfigureAwait(false);
            var phase = PhaseFor(stored, now);
            var next = Next(stored, phase, keyId, distinct.Count, counts, now, alerted: announced is not null || phase is not null);
            if (phase is { } due && announced is null)
            {
                // The ordinary path: the refusal is claimed (a repeated batch is a duplicate), the key re-read and repaired.
                announced = await handle(latest with { Burst = next.ToBurst(due) }, null, budget).ConfigureAwait(false);
                if (announced.Disposition == Disposition.Ignored)
                {
                    // Not a key Identity Center uses (any more): no burst of its to count or close.
                    return announced;
                }

                if (due == KeyUsePhase.Opened)
                {
                    await followUps.ScheduleQuietCheckAsync(latest, 1, next.OpenedAt, Cadence.QuietCheckDelay(TimeSpan.Zero), budget.Work)
                        .ConfigureAwait(false);
                }
            }

            if (await tallies.SaveKeyUseTallyAsync(next, budget.Work).ConfigureAwait(false))
            {
                return announced ?? Counted(latest, next);
            }

            if (write == MaxWrites)
            {
                throw new ConcurrencyConflictException($"the refusal tally of key {keyId}", MaxWrites);
            }
        }
    }

    /// <summary>
    /// The burst's quiet check: refusals go on (check again later), or they stopped and the key is reviewed once more:
    /// healthy, the incident closes with one notice; not, its findings are alerted as the other rules would.
    /// </summary>
    public async Task<GuardResult> QuietCheckAsync(GuardEvent refusal, FollowUp followUp, InvocationBudget budget, Handle handle)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        ArgumentNullException.ThrowIfNull(followUp);
        var keyId = KeyIdOf(refusal);
        var stored = await tallies.GetKeyUseTallyAsync(keyId, budget.Work).ConfigureAwait(false);
        if (stored is not { IsOpen: true } || stored.OpenedAt != followUp.Since)
        {
            return new GuardResult(refusal, Disposition.Ignored, $"the burst of refusals on key {keyId} this check belongs to is closed already", null, null);
        }

        var quietFor = time.GetUtcNow() - stored.LastFailureAt;
        if (quietFor < Cadence.QuietAfter)
        {
            var delay = Cadence.QuietCheckDelay(quietFor);
            await followUps.ScheduleQuietCheckAsync(refusal, followUp.Attempt + 1, stored.OpenedAt, delay, budget.Work).ConfigureAwait(false);
            return new GuardResult(
                refusal,
                Disposition.FollowUpScheduled,
                $"refusals on key {keyId} go on (the last at {stored.LastFailureAt:u}); the next quiet check is in {(int)delay.TotalSeconds} s",
                null,
                null);
        }

        var result = await handle(refusal with { Burst = stored.ToBurst(KeyUsePhase.Quiet) }, followUp, budget).ConfigureAwait(false);
        await CloseAsync(stored, budget.Work).ConfigureAwait(false);
        return result;
    }

    private KeyUsePhase? PhaseFor(KeyUseTally? stored, DateTimeOffset now) =>
        stored is not { IsOpen: true } || now - stored.LastFailureAt >= Cadence.StaleAfter ? KeyUsePhase.Opened
        : now - stored.LastAlertAt >= Cadence.UpdateEvery ? KeyUsePhase.Update
        : null;

    private static KeyUseTally Next(
        KeyUseTally? stored, KeyUsePhase? phase, string keyId, int refused, KeyUseCounts counts, DateTimeOffset now, bool alerted)
    {
        var revision = (stored?.Revision ?? 0) + 1;
        if (phase == KeyUsePhase.Opened || stored is not { IsOpen: true })
        {
            return new KeyUseTally(keyId, now, now, refused, now, 1, counts, revision);
        }

        return stored with
        {
            LastFailureAt = now,
            Failures = stored.Failures + refused,
            Counts = stored.Counts.Add(counts),
            LastAlertAt = alerted ? now : stored.LastAlertAt,
            Alerts = alerted ? stored.Alerts + 1 : stored.Alerts,
            Revision = revision,
        };
    }

    // New refusals while the check ran keep the burst open: the next batch counts them, and its update says so.
    private async Task CloseAsync(KeyUseTally checkedTally, CancellationToken cancellationToken)
    {
        for (var write = 1; write <= MaxWrites; write++)
        {
            var stored = await tallies.GetKeyUseTallyAsync(checkedTally.KeyId, cancellationToken).ConfigureAwait(false);
            if (stored is not { IsOpen: true } || stored.OpenedAt != checkedTally.OpenedAt || stored.LastFailureAt > checkedTally.LastFailureAt)
            {
                return;
            }

            if (await tallies.SaveKeyUseTallyAsync(stored with { ClosedAt = time.GetUtcNow(), Revision = stored.Revision + 1 }, cancellationToken)
                .ConfigureAwait(false))
            {
                return;
            }
        }

        logger.LogWarning("The refusal burst on key {KeyId} could not be closed; it goes stale after {Stale}", checkedTally.KeyId, Cadence.StaleAfter);
    }

    private static GuardResult Counted(GuardEvent latest, KeyUseTally tally) =>
        new(
            latest,
            Disposition.Suppressed,
            $"{tally.Failures} refusals on key {tally.KeyId} since {tally.OpenedAt:u}, counted; alert {tally.Alerts} went out at {tally.LastAlertAt:u}",
            null,
            null);
}
