namespace IdcKmsGuard.Core.Errors;

/// <summary>
/// The invocation fails on purpose so that Lambda delivers the event again: something failed that is likely to pass
/// (throttling, no answer, another invocation holding the event), and a retry will see it through. What was changed
/// so far is in the event's journal; nothing is lost.
/// </summary>
public sealed class RetryLaterException(string errorType, string message, Exception? innerException = null)
    : GuardException(message, innerException)
{
    /// <summary>Another invocation holds the event right now.</summary>
    public const string EventInProgress = "EventInProgress";

    /// <summary>A failure that may pass left the work unfinished.</summary>
    public const string TransientFailure = "TransientFailure";

    /// <summary>The invocation ran out of time before its deadline's reserve.</summary>
    public const string DeadlineExceeded = "DeadlineExceeded";

    /// <summary>The configuration could not be read and none was ever read: nothing is decided on guesses.</summary>
    public const string ConfigurationUnavailable = "ConfigurationUnavailable";

    public override string ErrorType { get; } = errorType;
}
