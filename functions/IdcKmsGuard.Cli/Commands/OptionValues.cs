using System.Text.RegularExpressions;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.Policy.Requirements;

namespace IdcKmsGuard.Cli.Commands;

/// <summary>
/// What an option value must look like, checked before a command runs, so a typo is an `error:` line naming the option
/// instead of a healthy verdict for a policy judged against the wrong account. Patterns from the services' own models
/// (sso-admin InstanceArn, identitystore IdentityStoreId, organizations OrganizationId).
/// </summary>
internal static partial class OptionValues
{
    public static IEnumerable<string> Problems(IdentityCenterFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var values = new (string Option, string? Value)[]
        {
            ("--account", facts.Account), ("--org-id", facts.OrgId), ("--region", facts.Region), ("--instance-arn", facts.InstanceArn),
            ("--identity-store-arn", facts.IdentityStoreArn), ("--key-arn", facts.KeyArn),
        };
        foreach (var (option, value) in values.Concat(facts.DelegatedAdminAccounts.Select(a => ("--delegated-admin", (string?)a))))
        {
            if (value is not null && Problem(option, value, facts) is { } problem)
            {
                yield return problem;
            }
        }
    }

    private static string? Problem(string option, string value, IdentityCenterFacts facts)
    {
        if (Placeholder().IsMatch(value))
        {
            return $"{option} '{value}' is a placeholder: give the real value.";
        }

        return option switch
        {
            "--account" or "--delegated-admin" when !AccountId().IsMatch(value) => $"{option} '{value}' is not a 12-digit account id.",
            "--org-id" when !OrgId().IsMatch(value) => $"--org-id '{value}' is not an organization id (o- and 10 to 32 letters or digits).",
            "--region" when !Region().IsMatch(value) => $"--region '{value}' is not a Region name (e.g. us-east-1).",
            "--instance-arn" when !InstanceArn().IsMatch(value) =>
                $"--instance-arn '{value}' is not an Identity Center instance ARN (arn:aws:sso:::instance/ssoins-...).",
            "--identity-store-arn" when IdentityStoreArn().Match(value) is not { Success: true } store =>
                $"--identity-store-arn '{value}' is not an identity store ARN (arn:aws:identitystore::ACCOUNT:identitystore/d-...).",
            "--identity-store-arn" when IdentityStoreArn().Match(value).Groups["account"].Value != facts.Account =>
                $"--identity-store-arn '{value}' belongs to account {IdentityStoreArn().Match(value).Groups["account"].Value}, not --account {facts.Account}.",
            "--key-arn" when !KeyArn.TryParse(value, out _) => $"--key-arn '{value}' is not a KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/...).",
            _ => null,
        };
    }

    /// <summary>A template's {{NAME}} (the documented baseline policy has them) or a documentation's &lt;name&gt;.</summary>
    [GeneratedRegex(@"\{\{[^}]*\}\}|<[^>]+>")]
    private static partial Regex Placeholder();

    /// <summary>A template's {{NAME}} left in a policy document.</summary>
    [GeneratedRegex(@"\{\{[A-Za-z0-9_]+\}\}")]
    public static partial Regex TemplatePlaceholder();

    [GeneratedRegex(@"^\d{12}$")]
    private static partial Regex AccountId();

    [GeneratedRegex(@"^o-[a-z0-9]{10,32}$")]
    private static partial Regex OrgId();

    [GeneratedRegex(@"^[a-z]{2}(-[a-z]+)+-\d{1,2}$")]
    private static partial Regex Region();

    [GeneratedRegex(@"^arn:aws(-[a-z]{1,5}){0,3}:sso:::instance/(sso)?ins-[a-zA-Z0-9-.]{16}$")]
    private static partial Regex InstanceArn();

    [GeneratedRegex(
        @"^arn:aws(-[a-z]{1,5}){0,3}:identitystore::(?<account>\d{12}):identitystore/"
        + @"(d-[0-9a-f]{10}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$")]
    private static partial Regex IdentityStoreArn();
}
