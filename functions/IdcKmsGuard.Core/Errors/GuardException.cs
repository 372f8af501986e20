namespace IdcKmsGuard.Core.Errors;

/// <summary>Root of every failure the guard raises on purpose; <see cref="ErrorType"/> is what Lambda reports.</summary>
public abstract class GuardException : Exception
{
    protected GuardException(string message)
        : base(message)
    {
    }

    protected GuardException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public abstract string ErrorType { get; }
}
