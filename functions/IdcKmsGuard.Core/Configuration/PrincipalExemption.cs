namespace IdcKmsGuard.Core.Configuration;

/// <summary>Changes made by matching principals are reported but never undone, e.g. a break-glass role.</summary>
/// <param name="ArnPattern">An IAM or STS ARN pattern with '*' and '?', matched against the actor's ARN and, for assumed roles, the role's ARN.</param>
/// <param name="Until">The exemption ends at this time (null: no end).</param>
public sealed record PrincipalExemption(string ArnPattern, DateTimeOffset? Until, string? Reason)
{
    public bool IsActiveAt(DateTimeOffset now) => Until is not { } until || now < until;

    /// <summary>ArnLike matching, part by part and case-sensitive, as a key policy would match the pattern.</summary>
    public bool Matches(string principalArn)
    {
        ArgumentNullException.ThrowIfNull(principalArn);
        return Policy.Conditions.ArnPattern.Matches(ArnPattern, principalArn);
    }
}
