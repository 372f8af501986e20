namespace IdcKmsGuard.Core.FollowUps;

/// <summary>
/// A re-check of an Identity Center key switch that was still UPDATING: the original event (so the eventual alert
/// says who started the switch), which re-check this is, and since when the switch has been seen UPDATING.
/// </summary>
public sealed record FollowUp(string EventJson, int Attempt, DateTimeOffset UpdatingSince)
{
    public const string Kind = "idckmsguard.follow-up/1";
}
