using IdcKmsGuard.Core.IdentityCenter;
using IdcKmsGuard.Core.Ports;
using IdcKmsGuard.Core.State;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>
/// The reads the review of a key begins with, started together (<see cref="ReadAhead"/>): the key as it is now, and
/// its scope's record, which holds its incident memory, its memory of changes and the journals other events left
/// unfinished on it.
/// One round trip instead of three in a row.
/// </summary>
internal sealed class KeyReadsAhead(IKeyStore keys, IEventLedger ledger, IIncidentMemory incidents)
{
    /// <param name="lateReport">A late report finishes no other event's journal: those are not looked for.</param>
    public void Start(ProtectedKey key, bool lateReport)
    {
        AheadReads.KeyDescription(keys, key.Target).Start();
        var scope = IncidentScope.ForKey(key.Target);
        Task<ScopeRecord>? record = null;
        Task<ScopeRecord> ReadOnce(CancellationToken cancellationToken) => record ??= incidents.ReadScopeAsync(scope, cancellationToken);
        AheadReads.IncidentMemory(incidents, scope).StartFrom(async c => (await ReadOnce(c).ConfigureAwait(false)).Incident);
        AheadReads.KeyMemory(incidents, scope).StartFrom(async c => (await ReadOnce(c).ConfigureAwait(false)).Memory);
        if (lateReport)
        {
            return;
        }

        AheadReads.Unfinished(ledger, scope.Arn).StartFrom(async c => (await ReadOnce(c).ConfigureAwait(false)).Unfinished);
    }
}
