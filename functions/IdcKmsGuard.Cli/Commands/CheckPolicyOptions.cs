using System.CommandLine;

namespace IdcKmsGuard.Cli.Commands;

/// <summary>
/// `check-policy`'s options: a policy file with the instance's facts (--policy, --account, ...), or a live key
/// (--key-id ARN) whose policy and instance are read from the account, with the AWS options of the other commands.
/// </summary>
internal sealed class CheckPolicyOptions
{
    public PolicyOptions Policy { get; } = new(liveKey: true);

    public AwsCallOptions Aws { get; } = new();

    public Option<string?> KeyId { get; } = new("--key-id")
    {
        Description = "Check this key's live policy (its ARN), against the Identity Center instance that uses it, read from the account.",
    };

    public Command Definition()
    {
        var command = Policy.Definition("check-policy", "Check a key policy (a file, or a live key's) against every request Identity Center makes.");
        command.Options.Add(KeyId);
        foreach (var option in new Option[] { Aws.Profile, Aws.Endpoint, Aws.Config, Aws.ConfigParameter })
        {
            command.Options.Add(option);
        }

        return command;
    }

    public CheckPolicySettings Bind(ParseResult parse)
    {
        var keyId = parse.GetValue(KeyId);
        var aws = Aws.Bind(parse) with
        {
            Region = Policy.GivenRegion(parse),
            OrgId = parse.GetValue(Policy.OrgId),
            DelegatedAdmins = parse.GetValue(Policy.DelegatedAdmins) ?? [],
        };
        var missing = Policy.Missing(parse).ToList();
        return new CheckPolicySettings(
            keyId,
            keyId is null && missing.Count == 0 ? Policy.Bind(parse) : null,
            aws,
            parse.GetValue(Policy.Json))
        {
            Missing = missing,
            PolicyGiven = parse.GetValue(Policy.Policy) is not null,
        };
    }
}

/// <param name="KeyId">--key-id: the live key to check; null: a policy file.</param>
/// <param name="File">The policy file and the facts given, when --key-id is not.</param>
internal sealed record CheckPolicySettings(string? KeyId, PolicySettings? File, AwsCallSettings Aws, bool Json) : ICommandSettings
{
    public IReadOnlyList<string> Missing { get; init; } = [];

    public bool PolicyGiven { get; init; }

    public ValidationResult Validate()
    {
        if (KeyId is null)
        {
            return Missing.Count > 0 ? new ValidationResult(Missing, ExitCodes.Usage) : File!.Validate();
        }

        if (PolicyGiven)
        {
            return ValidationResult.Error("give --policy or --key-id, not both.");
        }

        return Core.Keys.KeyArn.TryParse(KeyId, out _)
            ? ValidationResult.Success
            : ValidationResult.Error($"--key-id '{KeyId}' is not a KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/ID).");
    }
}
