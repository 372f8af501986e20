using IdcKmsGuard.Core.Errors;

namespace IdcKmsGuard.Core.Configuration;

/// <summary>A configuration source that is not AWS could not be read, e.g. a missing or unreadable file.</summary>
public sealed class ConfigurationSourceException : GuardException
{
    public ConfigurationSourceException(string origin, string problem, Exception? innerException = null)
        : base($"{origin}: {problem}", innerException)
    {
        Origin = origin;
        Problem = problem;
    }

    public string Origin { get; }

    public string Problem { get; }

    public override string ErrorType => "ConfigurationUnreadable";
}
