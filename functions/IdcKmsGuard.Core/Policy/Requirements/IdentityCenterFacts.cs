using IdcKmsGuard.Core.Policy.Evaluation;

namespace IdcKmsGuard.Core.Policy.Requirements;

/// <summary>What the requests Identity Center makes depend on: the real instance, its key and organization.</summary>
/// <param name="OrgId">Null when unknown: the organization is then assumed to be the key's own (see RequiredRequestCatalog).</param>
/// <param name="DelegatedAdminAccounts">Accounts whose administrators manage Identity Center too.</param>
/// <param name="Administrators">The roles administrators use; by default the AdministratorAccess permission set's role in every admin account.</param>
/// <param name="Extra">Requests the organization also needs allowed, checked like Identity Center's own.</param>
public sealed record IdentityCenterFacts(
    string Account,
    string? OrgId,
    string Region,
    string InstanceArn,
    string IdentityStoreArn,
    string KeyArn,
    IReadOnlyList<string> DelegatedAdminAccounts,
    IReadOnlyList<IamPrincipal>? Administrators = null,
    IReadOnlyList<ExtraRequest>? Extra = null)
{
    public IReadOnlyList<string> AdminAccounts => [Account, .. DelegatedAdminAccounts.Where(a => a != Account)];

    /// <summary>The key's partition (aws, aws-cn, aws-us-gov): every ARN the engine writes or tries is in it.</summary>
    public string Partition => KeyArn.Split(':') is [_, { Length: > 0 } partition, ..] ? partition : "aws";

    /// <summary>The guard's own role: a principal that can still change the policy (the lock-out check tries it).</summary>
    public string? GuardRoleArn { get; init; }
}
