using System.CommandLine;
using IdcKmsGuard.Core.Policy.Requirements;

namespace IdcKmsGuard.Cli.Commands;

/// <summary>The options check-policy and repair-policy share: the policy file and the facts of the instance.</summary>
internal sealed class PolicyOptions
{
    /// <param name="liveKey">check-policy: the policy and the instance's facts may come from the account instead
    /// (--key-id), so none of them is required by the parser; <see cref="Missing"/> says which a file check lacks.</param>
    public PolicyOptions(bool liveKey = false)
    {
        foreach (var option in new[] { Policy, Account, InstanceArn, IdentityStoreArn })
        {
            option.Required = !liveKey;
        }
    }

    public Option<string> Policy { get; } = new("--policy") { Description = "The key policy (JSON file; '-' reads standard input).", Required = true };

    public Option<string> Account { get; } = new("--account") { Description = "The Identity Center (management) account id.", Required = true };

    public Option<string> InstanceArn { get; } = new("--instance-arn") { Description = "arn:aws:sso:::instance/ssoins-...", Required = true };

    public Option<string> IdentityStoreArn { get; } = new("--identity-store-arn")
    {
        Description = "arn:aws:identitystore::ACCOUNT:identitystore/d-...",
        Required = true,
    };

    public Option<string?> OrgId { get; } = new("--org-id") { Description = "The organization id (o-...); without it, the key's own organization is assumed." };

    public Option<string> Region { get; } = new("--region") { Description = "The instance's Region.", DefaultValueFactory = _ => "us-east-1" };

    public Option<string?> KeyArn { get; } = new("--key-arn") { Description = "The key the policy belongs to (default: a key of the account in the Region)." };

    public Option<string[]> DelegatedAdmins { get; } = new("--delegated-admin")
    {
        Description = "A delegated administrator account (repeatable).",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<bool> Json { get; } = new("--json") { Description = "Print JSON instead of text." };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Policy, Account, InstanceArn, IdentityStoreArn, OrgId, Region, KeyArn, DelegatedAdmins, Json })
        {
            command.Options.Add(option);
        }
    }

    public Command Definition(string name, string description)
    {
        var command = new Command(name, description);
        AddTo(command);
        return command;
    }

    /// <summary>The required options a check of a policy file lacks (the parser requires them unless liveKey).</summary>
    public IEnumerable<string> Missing(ParseResult parse) =>
        new Option<string>[] { Policy, Account, InstanceArn, IdentityStoreArn }.Where(o => parse.GetValue(o) is null).Select(o => $"{o.Name} is required");

    /// <summary>--region as given (null: not given, the default applies).</summary>
    public string? GivenRegion(ParseResult parse) => parse.GetResult(Region) is { Implicit: false } ? parse.GetValue(Region) : null;

    public PolicySettings Bind(ParseResult parse)
    {
        var account = parse.GetValue(Account)!;
        var region = parse.GetValue(Region)!;
        var facts = new IdentityCenterFacts(
            account,
            parse.GetValue(OrgId),
            region,
            parse.GetValue(InstanceArn)!,
            parse.GetValue(IdentityStoreArn)!,
            parse.GetValue(KeyArn) ?? $"arn:aws:kms:{region}:{account}:key/00000000-0000-0000-0000-000000000000",
            parse.GetValue(DelegatedAdmins) ?? []);
        return new PolicySettings(parse.GetValue(Policy)!, facts, parse.GetValue(Json));
    }
}
