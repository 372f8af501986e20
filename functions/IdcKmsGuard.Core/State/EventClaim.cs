namespace IdcKmsGuard.Core.State;

public enum EventClaim
{
    /// <summary>This invocation owns the event: handle it, then mark it done.</summary>
    Claimed,

    /// <summary>Another delivery of the same event was handled already: act once.</summary>
    AlreadyDone,

    /// <summary>Another invocation is handling the same event right now (its lease has not expired): try again later.</summary>
    InProgress,
}
