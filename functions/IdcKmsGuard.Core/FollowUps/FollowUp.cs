namespace IdcKmsGuard.Core.FollowUps;

/// <summary>
/// A re-check the guard scheduled for itself: of an Identity Center key switch that was still UPDATING, or of a burst
/// of refused calls that may have gone quiet. It names the event that started it (the guard keeps the event itself
/// in its state table, so the message carries nothing anyone could forge into a genuine event), which re-check this
/// is, and since when: the switch seen UPDATING, or the burst opened.
/// </summary>
public sealed record FollowUp(string EventId, int Attempt, DateTimeOffset Since)
{
    public const string Kind = "idckmsguard.follow-up/2";
}
