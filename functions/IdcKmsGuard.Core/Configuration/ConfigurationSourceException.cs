using IdcKmsGuard.Core.Errors;

namespace IdcKmsGuard.Core.Configuration;

/// <summary>A configuration source that is not AWS could not be read, e.g. a missing or unreadable file.</summary>
public sealed class ConfigurationSourceException(string origin, string problem, Exception? innerException = null)
    : GuardException($"{origin}: {problem}", innerException)
{
    public string Origin { get; } = origin;

    public string Problem { get; } = problem;

    public override string ErrorType => "ConfigurationUnreadable";
}
