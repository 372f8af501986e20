using Amazon.DynamoDBv2.Model;
using IdcKmsGuard.Core.State;
using static IdcKmsGuard.Aws.State.StateValues;

namespace IdcKmsGuard.Aws.State;

public sealed partial class DynamoDbGuardStateStore : IKnownGoodPolicies
{
    public async Task SaveKnownGoodPolicyAsync(KnownGoodPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var pk = StateTable.PolicyPrefix + policy.KeyArn;
        var item = new Dictionary<string, AttributeValue>
        {
            [StateTable.Pk] = Text(pk),
            [StateTable.KeyArn] = Text(policy.KeyArn),
            [StateTable.Policy] = Text(policy.Policy),
            [StateTable.Sha256] = Text(policy.Sha256),
            [StateTable.ObservedAt] = Millis(policy.ObservedAt),
        };
        if (policy.Actor is { } actor)
        {
            item[StateTable.Actor] = Text(actor);
        }

        await PutUnlessNewerKeptAsync(pk, item, StateTable.ObservedAt, orEqual: true, cancellationToken).ConfigureAwait(false);
    }

    public async Task<KnownGoodPolicy?> GetKnownGoodPolicyAsync(string keyArn, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyArn);
        var pk = StateTable.PolicyPrefix + keyArn;
        var item = (await GetAsync(pk, cancellationToken).ConfigureAwait(false)).Item;
        if (item.IsEmpty())
        {
            return null;
        }

        return new KnownGoodPolicy(
            keyArn,
            item.GetString(StateTable.Policy) ?? string.Empty,
            item.GetString(StateTable.Sha256) ?? string.Empty,
            item.GetMillis(StateTable.ObservedAt) ?? DateTimeOffset.UnixEpoch,
            item.GetString(StateTable.Actor));
    }
}
