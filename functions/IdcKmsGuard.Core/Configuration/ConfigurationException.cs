using IdcKmsGuard.Core.Errors;

namespace IdcKmsGuard.Core.Configuration;

/// <summary>A configuration document the guard refuses, with where and why: "rules.KEY-ROTATION: ...".</summary>
public sealed class ConfigurationException : GuardException
{
    public ConfigurationException(string location, string problem)
        : base($"{location}: {problem}", null)
    {
        Location = location;
        Problem = problem;
    }

    public string Location { get; }

    public string Problem { get; }

    public override string ErrorType => "InvalidConfiguration";
}
