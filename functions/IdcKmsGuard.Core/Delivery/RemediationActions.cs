using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.Ports;

namespace IdcKmsGuard.Core.Delivery;

/// <summary>Every change the guard makes, as a <see cref="PlannedChange"/> whose action names its evidence.</summary>
internal static class RemediationActions
{
    public static PlannedChange EnableKey(IKeyStore keys, KeyArn key) =>
        new(ChangeEvidence.EnableKey, key.ToString(), null, "Enabled the key.", token => keys.EnableKeyAsync(key, token));

    public static PlannedChange CancelKeyDeletion(IKeyStore keys, KeyArn key) =>
        new(
            ChangeEvidence.CancelKeyDeletion,
            key.ToString(),
            null,
            "Cancelled the scheduled deletion; the key is now Disabled.",
            token => keys.CancelKeyDeletionAsync(key, token));

    public static PlannedChange EnableKeyRotation(IKeyStore keys, KeyArn key) =>
        new(ChangeEvidence.EnableKeyRotation, key.ToString(), null, "Turned automatic rotation back on.", token => keys.EnableRotationAsync(key, token));

    public static PlannedChange PutKeyPolicy(IKeyStore keys, KeyArn key, string policy, string done) =>
        new(ChangeEvidence.PutKeyPolicy, key.ToString(), ChangeEvidence.Sha256(policy), done, token => keys.PutKeyPolicyAsync(key, policy, token));

    public static PlannedChange UpdateInstance(IIdentityCenter identityCenter, string instanceArn, KeyArn key, string done) =>
        new(ChangeEvidence.UpdateInstance, instanceArn, key.ToString(), done, token => identityCenter.SwitchToCustomerManagedKeyAsync(instanceArn, key, token));
}
