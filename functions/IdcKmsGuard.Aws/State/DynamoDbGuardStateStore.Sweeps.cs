using Amazon.DynamoDBv2.Model;
using IdcKmsGuard.Core.State;
using static IdcKmsGuard.Aws.State.StateValues;

namespace IdcKmsGuard.Aws.State;

public sealed partial class DynamoDbGuardStateStore
{
    public async Task<SweepMemory?> GetSweepMemoryAsync(string scope, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(scope);
        var item = (await GetAsync(StateTable.SweepPrefix + scope, cancellationToken).ConfigureAwait(false)).Item;
        return item.IsEmpty()
            ? null
            : new SweepMemory(scope, item.GetString(StateTable.Fingerprint) ?? string.Empty, (int)(item.GetNumber(StateTable.Sweeps) ?? 1), item.GetMillis(StateTable.Since) ?? DateTimeOffset.UnixEpoch);
    }

    // One sweep runs at a time (the schedule's concurrency is 1): the last write wins.
    public Task SaveSweepMemoryAsync(SweepMemory memory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(memory);
        var pk = StateTable.SweepPrefix + memory.Scope;
        var request = new PutItemRequest
        {
            TableName = tableName,
            Item = new()
            {
                [StateTable.Pk] = Text(pk),
                [StateTable.Fingerprint] = Text(memory.Fingerprint),
                [StateTable.Sweeps] = Number(memory.Sweeps),
                [StateTable.Since] = Millis(memory.Since),
            },
        };
        return CallAsync("PutItem", pk, () => client.PutItemAsync(request, cancellationToken));
    }
}
