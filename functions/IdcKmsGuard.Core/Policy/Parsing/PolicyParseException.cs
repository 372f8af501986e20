using IdcKmsGuard.Core.Errors;

namespace IdcKmsGuard.Core.Policy.Parsing;

/// <summary>A key policy the engine cannot read; <see cref="Location"/> says where, e.g. "Statement[2].Condition.StringEquals".</summary>
public sealed class PolicyParseException(string location, string problem) : GuardException($"{location}: {problem}", null)
{
    public string Location { get; } = location;

    public string Problem { get; } = problem;

    public override string ErrorType => "MalformedPolicy";
}
