using System.CommandLine;

namespace IdcKmsGuard.Cli.Commands;

/// <summary>`baseline-policy`'s options, and their values as <see cref="BaselinePolicySettings"/>.</summary>
internal sealed class BaselinePolicyOptions
{
    public Option<string> Account { get; } = new("--account") { Description = "The Identity Center (management) account id.", Required = true };

    public Option<string?> OrgId { get; } = new("--org-id") { Description = "The organization id; without it the policy uses ${aws:ResourceOrgID}." };

    public Option<string[]> DelegatedAdmins { get; } = new("--delegated-admin") { Description = "A delegated administrator account (repeatable)." };

    public Option<string?> InstanceArn { get; } = new("--instance-arn")
    {
        Description = "Pins the service statements to this instance (with --identity-store-arn).",
    };

    public Option<string?> IdentityStoreArn { get; } = new("--identity-store-arn") { Description = "The instance's identity store ARN." };

    public Command Definition() => new("baseline-policy", "Print the recommended key policy for an Identity Center key.")
    {
        Account, OrgId, DelegatedAdmins, InstanceArn, IdentityStoreArn,
    };

    public BaselinePolicySettings Bind(ParseResult parse) => new(
        parse.GetValue(Account)!,
        parse.GetValue(OrgId),
        parse.GetValue(DelegatedAdmins) ?? [],
        parse.GetValue(InstanceArn),
        parse.GetValue(IdentityStoreArn));
}
