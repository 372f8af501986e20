using IdcKmsGuard.Core.Errors;
using IdcKmsGuard.Core.State;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>
/// Read, decide, write only if nobody wrote in between: an event and the sweep may judge the same key at once, and
/// neither may lose the other's finding. On a conflict the decision is taken again from what is stored now.
/// </summary>
internal static class IncidentMemoryUpdates
{
    private const int MaxAttempts = 3;

    /// <exception cref="ConcurrencyConflictException">Another invocation wrote first on every attempt.</exception>
    /// <param name="decide">From the stored memory (null: none), the memory to store (null or the same: no write) and
    /// what the caller wants to know of the decision.</param>
    /// <param name="read">The stored memory, when the caller read it already (its first read in this attempt).</param>
    public static async Task<T> UpdateAsync<T>(
        IIncidentMemory state,
        IncidentScope scope,
        Func<IncidentMemory?, (IncidentMemory? Next, T Result)> decide,
        CancellationToken cancellationToken,
        StoredIncident? read = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            // Only the first read may have been started ahead: after a conflict the stored memory is read afresh.
            var previous = attempt == 1
                ? read is { } known ? known.Memory : await AheadReads.IncidentMemory(state, scope).TakeAsync(cancellationToken).ConfigureAwait(false)
                : await state.GetIncidentMemoryAsync(scope, cancellationToken).ConfigureAwait(false);
            var (next, result) = decide(previous);
            if (next is null || next == previous || await state.SaveIncidentMemoryAsync(next, previous, cancellationToken).ConfigureAwait(false))
            {
                return result;
            }

            if (attempt == MaxAttempts)
            {
                throw new ConcurrencyConflictException(scope.Arn, MaxAttempts);
            }
        }
    }
}

/// <summary>A scope's incident memory as read once (null inside: nothing stored).</summary>
internal sealed record StoredIncident(IncidentMemory? Memory);
