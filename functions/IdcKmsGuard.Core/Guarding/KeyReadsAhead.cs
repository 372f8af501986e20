using IdcKmsGuard.Core.IdentityCenter;
using IdcKmsGuard.Core.Ports;
using IdcKmsGuard.Core.State;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>
/// The reads the review of a key begins with, started together (<see cref="ReadAhead"/>): the key as it is now, the
/// journals other events left unfinished on it, and its incident memory. One round trip instead of three in a row.
/// </summary>
internal sealed class KeyReadsAhead(IKeyStore keys, IEventLedger ledger, IIncidentMemory incidents)
{
    /// <param name="lateReport">A late report finishes no other event's journal: those are not looked for.</param>
    public void Start(ProtectedKey key, bool lateReport)
    {
        ReadAhead.Start(AheadReads.KeyDescription(key.Target), c => keys.DescribeKeyAsync(key.Target, c));
        var scope = IncidentScope.ForKey(key.Target);
        ReadAhead.Start(AheadReads.IncidentMemory(scope), c => incidents.GetIncidentMemoryAsync(scope, c));
        if (!lateReport)
        {
            ReadAhead.Start(AheadReads.Unfinished(scope.Arn), c => ledger.UnfinishedAsync(scope.Arn, c));
        }
    }
}
