using IdcKmsGuard.Cli.Commands;
using IdcKmsGuard.Core.Keys;

namespace IdcKmsGuard.Cli.Switching;

/// <param name="KeyArnText">--key-arn as given; <see cref="Target"/> once valid.</param>
/// <param name="AwsOwned">Switch back to an AWS owned key (instead of --key-arn).</param>
/// <param name="Yes">Make the switch; without it only the preflight runs.</param>
internal sealed record EnableCmkSettings(
    AwsCallSettings Aws,
    string? KeyArnText,
    bool AwsOwned,
    bool Yes,
    string? InstanceArn,
    int PollSeconds,
    int WaitMinutes) : ICommandSettings
{
    /// <summary>The customer managed key to switch to; null: an AWS owned key.</summary>
    public KeyArn? Target => AwsOwned ? null : KeyArn.Parse(KeyArnText!);

    public ValidationResult Validate()
    {
        if (AwsOwned == (KeyArnText is not null))
        {
            return ValidationResult.Error("give either --key-arn ARN or --aws-owned.");
        }

        if (!AwsOwned && !KeyArn.TryParse(KeyArnText, out _))
        {
            return ValidationResult.Error(
                $"'{KeyArnText}' is not a key ARN (arn:aws:kms:<region>:<account>:key/<id>); UpdateInstance takes no alias or key id.");
        }

        return PollSeconds is < 1 or > 60 || WaitMinutes is < 1 or > 120
            ? ValidationResult.Error("--poll-seconds must be 1 to 60 and --wait-minutes 1 to 120.")
            : ValidationResult.Success;
    }
}
