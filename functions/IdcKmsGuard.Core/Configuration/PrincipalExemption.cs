namespace IdcKmsGuard.Core.Configuration;

/// <summary>Changes made by matching principals are reported but never undone, e.g. a break-glass role.</summary>
/// <param name="ArnPattern">An IAM or STS ARN pattern with '*' and '?', matched against the actor's ARN and, for assumed roles, the role's ARN.</param>
/// <param name="Until">The exemption ends at this time (null: no end).</param>
public sealed record PrincipalExemption(string ArnPattern, DateTimeOffset? Until, string? Reason);
