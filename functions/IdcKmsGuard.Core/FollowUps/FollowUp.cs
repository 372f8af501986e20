namespace IdcKmsGuard.Core.FollowUps;

/// <summary>
/// A re-check of an Identity Center key switch that was still UPDATING: which event started it (the guard keeps the
/// event itself in its state table, so the message carries nothing anyone could forge into a genuine event), which
/// re-check this is, and since when the switch has been seen UPDATING.
/// </summary>
public sealed record FollowUp(string EventId, int Attempt, DateTimeOffset UpdatingSince)
{
    public const string Kind = "idckmsguard.follow-up/2";
}
