using IdcKmsGuard.Core.Errors;

namespace IdcKmsGuard.Core.Events;

/// <summary>The input is not an event the guard can read. The message is one line, fit for a log or a terminal.</summary>
public sealed class EventFormatException(string message, Exception? innerException = null) : GuardException(message, innerException)
{
    public override string ErrorType => "MalformedEvent";
}
