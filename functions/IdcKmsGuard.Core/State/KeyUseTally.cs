using IdcKmsGuard.Core.Events;

namespace IdcKmsGuard.Core.State;

/// <summary>
/// The open burst of refused calls of Identity Center to one key: counted per batch of records, so thousands of
/// refusals cost a handful of writes; one alert opens it, updates go out at most every few minutes, a quiet check
/// closes it.
/// </summary>
/// <param name="KeyId">The key's id (a multi-Region key's replicas share it and one burst).</param>
/// <param name="Revision">Grows by one per write; every write is conditional on the revision its writer read.</param>
public sealed record KeyUseTally(
    string KeyId,
    DateTimeOffset OpenedAt,
    DateTimeOffset LastFailureAt,
    long Failures,
    DateTimeOffset LastAlertAt,
    int Alerts,
    KeyUseCounts Counts,
    long Revision,
    DateTimeOffset? ClosedAt = null)
{
    public bool IsOpen => ClosedAt is null;

    public KeyUseBurst ToBurst(KeyUsePhase phase) => new(phase, Failures, OpenedAt, LastFailureAt, Alerts, Counts);
}
