namespace IdcKmsGuard.Core.State;

/// <summary>The last healthy policy per key, the one a repair can return to; a write never replaces a newer one.</summary>
public interface IKnownGoodPolicies
{
    Task SaveKnownGoodPolicyAsync(KnownGoodPolicy policy, CancellationToken cancellationToken);

    Task<KnownGoodPolicy?> GetKnownGoodPolicyAsync(string keyArn, CancellationToken cancellationToken);
}
