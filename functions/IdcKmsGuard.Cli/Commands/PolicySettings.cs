using IdcKmsGuard.Core.Policy.Requirements;

namespace IdcKmsGuard.Cli.Commands;

/// <summary>The values of <see cref="PolicyOptions"/>: check-policy's settings, and the policy part of repair-policy's.</summary>
/// <param name="PolicyPath">The key policy file; "-" reads standard input.</param>
/// <param name="Facts">The instance the policy is judged for.</param>
internal sealed record PolicySettings(string PolicyPath, IdentityCenterFacts Facts, bool Json) : ICommandSettings
{
    public ValidationResult Validate() =>
        OptionValues.Problems(Facts).ToList() is { Count: > 0 } problems ? new ValidationResult(problems, ExitCodes.Usage) : ValidationResult.Success;
}
