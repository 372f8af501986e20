namespace IdcKmsGuard.Core.Policy.Evaluation;

/// <summary>Who makes a request that a key policy is asked about.</summary>
public abstract record PolicyPrincipal
{
    private protected PolicyPrincipal()
    {
    }

    /// <summary>The principal as alerts and the CLI name it.</summary>
    public abstract string Display { get; }
}

/// <summary>An AWS service calling KMS itself, e.g. sso.amazonaws.com.</summary>
public sealed record ServicePrincipal(string Name) : PolicyPrincipal
{
    public override string Display => Name;
}

/// <summary>An IAM role or user in an account and, optionally, an organization.</summary>
/// <param name="Arn">The role or user: what aws:PrincipalArn holds and what a Principal element names.</param>
public sealed record IamPrincipal(string Arn, string Account, string? OrgId) : PolicyPrincipal
{
    /// <summary>For a role, the session that really calls (IAM evaluates the assumed-role session, not the role).</summary>
    public string? SessionName { get; init; }

    /// <summary>arn:PARTITION:sts::ACCOUNT:assumed-role/ROLE/SESSION (the role's path is not part of it).</summary>
    public string? SessionArn => SessionName is not null && Arn.Split(':') is [_, var partition, "iam", _, var account, var resource]
        && resource.StartsWith("role/", StringComparison.Ordinal)
        ? $"arn:{partition}:sts::{account}:assumed-role/{resource[(resource.LastIndexOf('/') + 1)..]}/{SessionName}"
        : null;

    public override string Display => SessionArn ?? Arn;
}
