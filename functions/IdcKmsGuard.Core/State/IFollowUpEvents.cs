namespace IdcKmsGuard.Core.State;

/// <summary>
/// The events follow-ups refer to, kept by the guard itself (the state table only the guard may write): a follow-up
/// message names an event, never carries one.
/// </summary>
public interface IFollowUpEvents
{
    Task KeepFollowUpEventAsync(string eventId, string eventJson, DateTimeOffset keepUntil, CancellationToken cancellationToken);

    /// <returns>The event as the guard received it; null when the guard kept no such event (or no longer keeps it).</returns>
    Task<string?> FindFollowUpEventAsync(string eventId, CancellationToken cancellationToken);
}
