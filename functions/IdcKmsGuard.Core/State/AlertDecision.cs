namespace IdcKmsGuard.Core.State;

/// <param name="Send">False: the same alert went out within the repeat window; this one is counted instead.</param>
/// <param name="SuppressedSinceLastSent">Repeats counted since the last alert that was sent (reported by the next one sent).</param>
/// <param name="LastSentAt">When the last alert with this key was sent, if ever.</param>
public sealed record AlertDecision(bool Send, int SuppressedSinceLastSent, DateTimeOffset? LastSentAt);
