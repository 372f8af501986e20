using IdcKmsGuard.Core.Errors;
using IdcKmsGuard.Core.State;

namespace IdcKmsGuard.Core.Delivery;

/// <summary>
/// What earlier attempts at this event changed, per scope, as their journal left it: a change whose answer was lost
/// ("planned") is settled by re-reading the state. One that a re-read finds not in effect may still land (a request
/// that hung is carried out after its caller gave up), so it is read once more, late, before it is called failed.
/// </summary>
internal sealed class EarlierAttempts(EventJournal? journal, ChangeEvidence evidence, Func<bool> isLastAttempt)
{
    private readonly HashSet<string> settledScopes = new(StringComparer.Ordinal);
    private readonly HashSet<JournaledChange> notInEffectYet = [];

    /// <returns>The scope's earlier changes, each settled; null when there are none, they were reported, or they were
    /// asked for before (the review reports them once).</returns>
    public async Task<ScopeJournal?> SettleAsync(string scope, CancellationToken cancellationToken)
    {
        if (journal?.For(scope) is not { Reported: false } earlier || !settledScopes.Add(scope))
        {
            return null;
        }

        var settled = new List<JournaledChange>(earlier.Changes.Count);
        foreach (var change in earlier.Changes)
        {
            if (change.Status != ChangeStatus.Planned)
            {
                settled.Add(change);
                continue;
            }

            bool tookEffect;
            try
            {
                tookEffect = await evidence.TookEffectAsync(change.Action, change.Target, change.Expected, cancellationToken).ConfigureAwait(false);
            }
            catch (AwsCallException e) when (!e.IsTransient || isLastAttempt())
            {
                // Stays planned: reported as unconfirmed, never as done or as failed.
                settled.Add(change);
                continue;
            }

            var verdict = tookEffect
                ? change with
                {
                    Status = ChangeStatus.Applied,
                    Detail = $"{change.Detail} (an earlier attempt sent it and stopped before the answer; a re-read shows it took effect)",
                }
                : change with
                {
                    Status = ChangeStatus.Failed,
                    Detail = "An earlier attempt stopped before this call was answered; a re-read shows it did not take effect.",
                };
            if (!tookEffect)
            {
                notInEffectYet.Add(verdict);
            }

            settled.Add(verdict);
        }

        return earlier with { Changes = settled };
    }

    /// <summary>Reads once more each change <see cref="SettleAsync"/> found not in effect, unless this attempt made the
    /// same change itself (then the state cannot tell whose call took effect, and its own step says).</summary>
    public async Task<ScopeJournal> SettleLateAsync(ScopeJournal earlier, Func<JournaledChange, bool> madeNow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        if (!earlier.Changes.Any(notInEffectYet.Contains))
        {
            return earlier;
        }

        var changes = new List<JournaledChange>(earlier.Changes.Count);
        foreach (var change in earlier.Changes)
        {
            var landed = notInEffectYet.Remove(change) && !madeNow(change) && await LandedAsync(change, cancellationToken).ConfigureAwait(false);
            changes.Add(landed
                ? change with
                {
                    Status = ChangeStatus.Applied,
                    Detail = "An earlier attempt sent it and stopped before the answer; it took effect late (a later re-read shows it).",
                }
                : change);
        }

        return earlier with { Changes = changes };
    }

    private async Task<bool> LandedAsync(JournaledChange change, CancellationToken cancellationToken)
    {
        try
        {
            return await evidence.TookEffectAsync(change.Action, change.Target, change.Expected, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsCallException)
        {
            // The first re-read stands.
            return false;
        }
    }
}
