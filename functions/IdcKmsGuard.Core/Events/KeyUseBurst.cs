namespace IdcKmsGuard.Core.Events;

/// <summary>Where a refused call of Identity Center stands in the burst of refusals it belongs to.</summary>
public enum KeyUsePhase
{
    /// <summary>The first refusals of a key with no open burst: the alert that opens the incident.</summary>
    Opened,

    /// <summary>Refusals go on: the periodic update with the count so far.</summary>
    Update,

    /// <summary>No refusal for the quiet period: the check that closes the incident if the key is healthy.</summary>
    Quiet,
}

/// <summary>
/// A burst of refused calls of Identity Center to one key, as its tally stood when the guard reviewed the key: the
/// refusal the review acts on stands for all of them.
/// </summary>
/// <param name="Failures">Refused calls since the burst opened.</param>
/// <param name="AlertNumber">1 for the alert that opened the burst, 2 for the first update, and so on.</param>
public sealed record KeyUseBurst(
    KeyUsePhase Phase,
    long Failures,
    DateTimeOffset OpenedAt,
    DateTimeOffset LastFailureAt,
    int AlertNumber,
    KeyUseCounts Counts)
{
    /// <summary>What the alert says about the burst, in one sentence.</summary>
    public string Describe()
    {
        var calls = Failures == 1 ? "1 call" : $"{Failures} calls";
        var span = Phase == KeyUsePhase.Quiet
            ? $"{calls} failed between {OpenedAt:yyyy-MM-dd HH:mm} and {LastFailureAt:HH:mm} UTC, none since"
            : $"{calls} failed since {OpenedAt:yyyy-MM-dd HH:mm} UTC (the last at {LastFailureAt:HH:mm:ss})";
        return $"{span}: actions {KeyUseCounts.Describe(Counts.Actions)}; errors {KeyUseCounts.Describe(Counts.ErrorCodes)}; "
            + $"Regions {KeyUseCounts.Describe(Counts.Regions)}; encryption contexts {KeyUseCounts.Describe(Counts.Contexts)}.";
    }
}
