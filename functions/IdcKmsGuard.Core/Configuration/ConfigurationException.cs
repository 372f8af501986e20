using IdcKmsGuard.Core.Errors;

namespace IdcKmsGuard.Core.Configuration;

/// <summary>A configuration document the guard refuses, with where and why: "rules.KEY-ROTATION: ...".</summary>
public sealed class ConfigurationException(string location, string problem) : GuardException($"{location}: {problem}", null)
{
    public string Location { get; } = location;

    public string Problem { get; } = problem;

    public override string ErrorType => "InvalidConfiguration";
}
