using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.IdentityCenter;
using IdcKmsGuard.Core.Policy.Requirements;

namespace IdcKmsGuard.Core.Auditing;

/// <summary>What a key Identity Center uses must allow, as the policy engine takes it.</summary>
public static class RequiredAccess
{
    /// <summary>The requests this key must allow: the instance's, in the Region of the key (a replica serves its own Region).</summary>
    public static IdentityCenterFacts For(GuardOptions options, ProtectedKey key, GuardConfiguration configuration) => new(
        key.Instance.OwnerAccountId.Length == 12 ? key.Instance.OwnerAccountId : key.Target.Account,
        options.OrgId,
        key.Target.Region,
        key.Instance.InstanceArn,
        key.Instance.IdentityStoreArn,
        key.Target.ToString(),
        options.DelegatedAdminAccounts,
        Extra: Extra(configuration))
    {
        GuardRoleArn = options.GuardRoleArn,
    };

    /// <summary>The configuration's extra requirements, as requests the key must allow too.</summary>
    public static IReadOnlyList<ExtraRequest> Extra(GuardConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return [.. configuration.ExtraRequirements.Select(r => new ExtraRequest(r.Name, r.Principal, r.Action, r.Context))];
    }
}
