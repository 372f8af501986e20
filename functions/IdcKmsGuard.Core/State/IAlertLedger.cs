namespace IdcKmsGuard.Core.State;

/// <summary>
/// Which alerts went out, for repeat suppression: decided before publishing, recorded only once the channel took
/// the alert, so a failed publish never silences the next attempt.
/// </summary>
public interface IAlertLedger
{
    /// <returns>Send unless an alert with <paramref name="alertKey"/> (key, rule, outcome) went out within <paramref name="window"/>.</returns>
    Task<AlertDecision> DecideAsync(string alertKey, TimeSpan window, CancellationToken cancellationToken);

    /// <summary>Counts a repeat that was not sent; the next alert sent reports the count.</summary>
    Task CountRepeatAsync(string alertKey, TimeSpan window, CancellationToken cancellationToken);

    /// <summary>Records that the alert went out now; the repeats counted so far were reported with it.</summary>
    Task RecordSentAsync(string alertKey, TimeSpan window, CancellationToken cancellationToken);
}
