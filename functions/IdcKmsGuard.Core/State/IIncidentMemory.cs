namespace IdcKmsGuard.Core.State;

/// <summary>
/// What stays open per scope (a key, a replica, an instance), written by the sweep and by events alike. Every write is
/// conditional on what the writer read, so an event and the sweep never lose each other's findings.
/// </summary>
public interface IIncidentMemory
{
    /// <returns>What is open for the scope; null before anything was recorded.</returns>
    Task<IncidentMemory?> GetIncidentMemoryAsync(IncidentScope scope, CancellationToken cancellationToken);

    /// <summary>
    /// The scope's incident memory and the events left unfinished on it (<see cref="IEventLedger.UnfinishedAsync"/>),
    /// in one read: the review of a key needs both before it decides.
    /// </summary>
    Task<ScopeRecord> ReadScopeAsync(IncidentScope scope, CancellationToken cancellationToken);

    /// <summary>Replaces <paramref name="expected"/> (null: nothing stored) with <paramref name="memory"/>.</summary>
    /// <returns>False when another invocation changed the scope's memory first: nothing was written.</returns>
    Task<bool> SaveIncidentMemoryAsync(IncidentMemory memory, IncidentMemory? expected, CancellationToken cancellationToken);
}
