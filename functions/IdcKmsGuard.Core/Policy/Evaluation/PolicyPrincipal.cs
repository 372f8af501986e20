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

/// <summary>An IAM role or user (for an assumed role, the role's ARN) in an account and, optionally, an organization.</summary>
public sealed record IamPrincipal(string Arn, string Account, string? OrgId) : PolicyPrincipal
{
    public override string Display => Arn;
}
