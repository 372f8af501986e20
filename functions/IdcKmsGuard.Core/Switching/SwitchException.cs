using IdcKmsGuard.Core.Errors;

namespace IdcKmsGuard.Core.Switching;

/// <summary>The switch cannot start: the message says why and what to do.</summary>
public sealed class SwitchException(string message, Exception? innerException = null) : GuardException(message, innerException)
{
    public override string ErrorType => "SwitchRefused";
}
