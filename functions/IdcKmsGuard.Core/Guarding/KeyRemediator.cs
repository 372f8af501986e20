using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Delivery;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.Ports;
using IdcKmsGuard.Core.Rules;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>
/// Brings a disabled or pending-deletion key back to Enabled: CancelKeyDeletion (which always leaves the key
/// Disabled), then EnableKey, then a re-read to verify. Never does anything that makes the key less usable. Every
/// call goes through the invocation's <see cref="ChangeJournal"/>.
/// </summary>
internal sealed class KeyRemediator(IKeyStore keys)
{
    // Concurrent changes (a ScheduleKeyDeletion racing the DisableKey being repaired) change the plan: re-read
    // and re-plan a bounded number of times rather than stop at the first refusal.
    private const int MaxRounds = 3;

    /// <param name="findings">What is wrong with the key, journaled with the changes.</param>
    public async Task<KeyRemediation> RestoreAsync(KeySnapshot key, ChangeJournal changes, IReadOnlyList<Finding> findings, CancellationToken cancellationToken)
    {
        var steps = new List<RemediationStep>();
        var context = new ChangeContext(key.Arn.ToString(), key.State.ToString(), findings);
        KeySnapshot? current = key;
        var planned = KeyState.Unknown;
        for (var round = 1; round <= MaxRounds && current is not null && KeyStateRules.CanRestore(current) && current.State != planned; round++)
        {
            // The same state again after a round means the fix itself was refused: repeating it would not help.
            planned = current.State;
            var canEnable = true;
            if (current.IsPendingDeletion)
            {
                var cancelled = await changes.ApplyAsync(context, RemediationActions.CancelKeyDeletion(keys, key.Arn), cancellationToken).ConfigureAwait(false);
                steps.Add(cancelled);
                canEnable = cancelled.Status == StepStatus.Fixed;
            }

            if (canEnable)
            {
                steps.Add(await changes.ApplyAsync(context, RemediationActions.EnableKey(keys, key.Arn), cancellationToken).ConfigureAwait(false));
            }

            current = await keys.DescribeKeyAsync(key.Arn, cancellationToken).ConfigureAwait(false);
        }

        var verification = current is { State: KeyState.Enabled }
            ? new Verification(true, "Re-read the key: KeyState is Enabled.")
            : new Verification(false, $"Re-read the key: KeyState is {current?.State.ToString() ?? "missing (the key no longer exists)"}, not Enabled.");
        return new KeyRemediation(steps, verification, current);
    }
}

internal sealed record KeyRemediation(IReadOnlyList<RemediationStep> Steps, Verification Verification, KeySnapshot? After);
