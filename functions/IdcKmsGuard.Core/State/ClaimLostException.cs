using IdcKmsGuard.Core.Errors;

namespace IdcKmsGuard.Core.State;

/// <summary>The invocation no longer holds its event (its lease ran out and another took it): it must stop.</summary>
public sealed class ClaimLostException(string eventId)
    : GuardException($"Event {eventId} is held by another invocation now; this one stopped without finishing.")
{
    public override string ErrorType => "ClaimLost";
}
