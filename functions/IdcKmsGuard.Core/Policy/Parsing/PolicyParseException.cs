using IdcKmsGuard.Core.Errors;

namespace IdcKmsGuard.Core.Policy.Parsing;

/// <summary>A key policy the engine cannot read; <see cref="Location"/> says where, e.g. "Statement[2].Condition.StringEquals".</summary>
public sealed class PolicyParseException : GuardException
{
    public PolicyParseException(string location, string problem)
        : base($"{location}: {problem}", null)
    {
        Location = location;
        Problem = problem;
    }

    public string Location { get; }

    public string Problem { get; }

    public override string ErrorType => "MalformedPolicy";
}
