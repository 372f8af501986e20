using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Delivery;
using IdcKmsGuard.Core.Errors;
using IdcKmsGuard.Core.IdentityCenter;
using IdcKmsGuard.Core.Policy.Findings;
using IdcKmsGuard.Core.Policy.Model;
using IdcKmsGuard.Core.Policy.Parsing;
using IdcKmsGuard.Core.Policy.Repair;
using IdcKmsGuard.Core.Policy.Requirements;
using IdcKmsGuard.Core.State;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>The last healthy policy of each key: remembered by every review that finds one, put back by the
/// restore-last-known-good strategy.</summary>
internal sealed class KnownGoodPolicyBook(IKnownGoodPolicies store, TimeProvider time)
{
    // restore-last-known-good: the last good policy goes back only if it still passes every check today, with no high
    // finding (a policy kept by an older version, or made public since by a change of facts, is not restored).
    public static RepairResult? Restore(KnownGoodPolicy? knownGood, IdentityCenterFacts facts, GuardConfiguration configuration)
    {
        if (configuration.RepairStrategy != RepairStrategy.RestoreLastKnownGood || knownGood is null)
        {
            return null;
        }

        var restored = PolicyChecker.Check(KeyPolicyParser.Parse(knownGood.Policy), facts);
        return restored.IsHealthy && restored.IsGood
            ? new RepairResult(
                knownGood.Policy,
                [$"restores the last healthy policy (seen {knownGood.ObservedAt:yyyy-MM-dd HH:mm} UTC)."],
                restored,
                restored,
                [])
            : null;
    }

    // The memory of a healthy policy serves later repairs; failing to store it must not cost this review its result.
    /// <returns>Null when remembered; otherwise a note for the alert.</returns>
    public async Task<string?> RememberAsync(ProtectedKey key, KeyPolicy policy, string? actor, CancellationToken cancellationToken)
    {
        try
        {
            await store.SaveKnownGoodPolicyAsync(
                new KnownGoodPolicy(key.Target.ToString(), policy.Text, ChangeEvidence.Sha256(policy.Text), time.GetUtcNow(), actor),
                cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (AwsCallException e)
        {
            return $"The guard could not store this policy as the last healthy one ({e.Service} {e.Operation}: {e.ErrorCode}); "
                + "restore-last-known-good uses an older one until it can.";
        }
    }
}
