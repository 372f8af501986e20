using IdcKmsGuard.Core.Policy.Model;

namespace IdcKmsGuard.Core.Policy.Evaluation;

/// <summary>
/// Does a Principal or NotPrincipal element name the requester? An account (its id or its root ARN) names every IAM
/// principal of that account, but only as a delegation: the account's IAM policies must allow the request too.
/// Where IAM's matching is not documented, the statement is read against Identity Center: an Allow counts only on
/// what certainly names the requester, a Deny on whatever might (for NotPrincipal, naming excludes, so it flips).
/// </summary>
internal static class PrincipalMatcher
{
    public const string ExactServiceNote = "service principals match exactly";

    public static PrincipalMatch Match(PrincipalBlock block, PolicyPrincipal principal, StatementEffect effect)
    {
        var lenient = (effect == StatementEffect.Deny) != block.IsNot;
        var named = Named(block, principal, lenient);
        if (!block.IsNot)
        {
            return named;
        }

        if (named.Matches && !lenient && principal is IamPrincipal iam && !NamesAccountAndPrincipal(block, iam))
        {
            return new PrincipalMatch(
                true,
                false,
                $"NotPrincipal does not exclude {Describe(principal)}: with Deny it must name both {iam.Arn} and its account "
                + $"{iam.Account}, or IAM may deny the account or the role first");
        }

        return named.Matches
            ? PrincipalMatch.No($"NotPrincipal excludes {Describe(principal)}")
            : new PrincipalMatch(true, false, $"NotPrincipal does not exclude {Describe(principal)}");
    }

    public static string Describe(PolicyPrincipal principal) => principal.Display;

    public static bool IsAccountPrincipal(string value, out string account)
    {
        if (value.Length == 12 && value.All(char.IsAsciiDigit))
        {
            account = value;
            return true;
        }

        var parts = value.Split(':');
        if (parts.Length == 6 && parts[0] == "arn" && parts[2] == "iam" && parts[5] == "root" && parts[4].Length == 12)
        {
            account = parts[4];
            return true;
        }

        account = string.Empty;
        return false;
    }

    private static PrincipalMatch Named(PrincipalBlock block, PolicyPrincipal principal, bool lenient)
    {
        if (block.IsWildcard)
        {
            return new PrincipalMatch(true, false, "Principal \"*\" names everyone");
        }

        PrincipalMatch? viaAccount = null;
        PrincipalMatch? mistyped = null;
        foreach (var entry in block.Entries)
        {
            switch (entry.Type, principal)
            {
                case (PrincipalType.Service, ServicePrincipal service) when string.Equals(entry.Value, service.Name, StringComparison.Ordinal):
                    return new PrincipalMatch(true, false, $"Principal names the service {service.Name}");

                // Nothing documents that IAM matches service principals ignoring case (they are all lower case).
                case (PrincipalType.Service, ServicePrincipal service) when string.Equals(entry.Value, service.Name, StringComparison.OrdinalIgnoreCase):
                    if (lenient)
                    {
                        return new PrincipalMatch(true, false, $"Principal names the service {entry.Value}, which might be {service.Name}");
                    }

                    mistyped ??= PrincipalMatch.No($"Principal names the service {entry.Value}, not {service.Name}: {ExactServiceNote}");
                    break;
                case (PrincipalType.Aws, IamPrincipal iam) when string.Equals(entry.Value, iam.Arn, StringComparison.Ordinal):
                    var session = iam.SessionArn is null ? string.Empty : ", whose session this is";
                    return new PrincipalMatch(true, false, $"Principal names {iam.Arn}{session}");
                case (PrincipalType.Aws, IamPrincipal iam) when string.Equals(entry.Value, iam.SessionArn, StringComparison.Ordinal):
                    return new PrincipalMatch(true, false, $"Principal names the session {iam.SessionArn}");
                case (PrincipalType.Aws, IamPrincipal iam) when IsAccountPrincipal(entry.Value, out var account) && account == iam.Account:
                    viaAccount ??= new PrincipalMatch(true, true, $"Principal names account {account}, whose IAM policies must also allow it");
                    break;
            }
        }

        return viaAccount ?? mistyped ?? PrincipalMatch.No($"Principal does not name {Describe(principal)}");
    }

    // IAM guide, NotPrincipal with Deny: "include both the ARN for a role and the ARN for the account containing that
    // role" (for a user, the user's and the account's); otherwise the policy "might deny access to the entire account".
    private static bool NamesAccountAndPrincipal(PrincipalBlock block, IamPrincipal iam)
    {
        var values = block.Entries.Where(e => e.Type == PrincipalType.Aws).Select(e => e.Value).ToList();
        return values.Contains(iam.Arn, StringComparer.Ordinal)
            && values.Any(v => IsAccountPrincipal(v, out var account) && account == iam.Account);
    }
}

/// <param name="ViaAccount">Matched only as "the account": the decision is AllowedIfIamAllows.</param>
internal sealed record PrincipalMatch(bool Matches, bool ViaAccount, string Reason)
{
    public static PrincipalMatch No(string reason) => new(false, false, reason);
}
