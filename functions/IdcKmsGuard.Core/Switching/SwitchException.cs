using IdcKmsGuard.Core.Errors;

namespace IdcKmsGuard.Core.Switching;

/// <summary>The switch cannot start: the message says why and what to do.</summary>
public sealed class SwitchException : GuardException
{
    public SwitchException(string message)
        : base(message)
    {
    }

    public SwitchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public override string ErrorType => "SwitchRefused";
}
