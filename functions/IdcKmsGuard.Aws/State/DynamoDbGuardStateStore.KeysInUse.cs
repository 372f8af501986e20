using Amazon.DynamoDBv2.Model;
using IdcKmsGuard.Core.State;
using static IdcKmsGuard.Aws.State.StateValues;

namespace IdcKmsGuard.Aws.State;

public sealed partial class DynamoDbGuardStateStore : IKeyInUseMemory
{
    public async Task<KeyInUse?> GetKeyInUseAsync(string instanceArn, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceArn);
        var item = (await GetAsync(StateTable.KeyInUsePrefix + instanceArn, cancellationToken).ConfigureAwait(false)).Item;
        return item.IsEmpty() || item.GetString(StateTable.KeyArn) is not { } keyArn
            ? null
            : new KeyInUse(instanceArn, keyArn, item.GetMillis(StateTable.SeenAt) ?? DateTimeOffset.UnixEpoch);
    }

    // An observation delivered late must not replace a newer one (a follow-up and the sweep can race).
    public async Task SaveKeyInUseAsync(KeyInUse keyInUse, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keyInUse);
        var pk = StateTable.KeyInUsePrefix + keyInUse.InstanceArn;
        var item = new Dictionary<string, AttributeValue>
        {
            [StateTable.Pk] = Text(pk),
            [StateTable.KeyArn] = Text(keyInUse.KeyArn),
            [StateTable.SeenAt] = Millis(keyInUse.SeenAt),
        };
        await PutUnlessNewerKeptAsync(pk, item, StateTable.SeenAt, orEqual: true, cancellationToken).ConfigureAwait(false);
    }
}
