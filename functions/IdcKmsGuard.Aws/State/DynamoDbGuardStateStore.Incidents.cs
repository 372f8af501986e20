using Amazon.DynamoDBv2.Model;
using IdcKmsGuard.Core.State;
using static IdcKmsGuard.Aws.State.StateValues;

namespace IdcKmsGuard.Aws.State;

public sealed partial class DynamoDbGuardStateStore : IIncidentMemory
{
    public async Task<IncidentMemory?> GetIncidentMemoryAsync(string scope, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(scope);
        var item = (await GetAsync(StateTable.SweepPrefix + scope, cancellationToken).ConfigureAwait(false)).Item;
        return item.IsEmpty()
            ? null
            : new IncidentMemory(
                scope,
                item.GetString(StateTable.Fingerprint) ?? string.Empty,
                (int)(item.GetNumber(StateTable.Sweeps) ?? 1),
                item.GetMillis(StateTable.Since) ?? DateTimeOffset.UnixEpoch);
    }

    // Conditional on what the caller read: an event and the sweep may write the same scope at once.
    public async Task<bool> SaveIncidentMemoryAsync(IncidentMemory memory, IncidentMemory? expected, CancellationToken cancellationToken)
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
        if (expected is null)
        {
            request.ConditionExpression = "attribute_not_exists(pk)";
        }
        else
        {
            request.ConditionExpression = "fingerprint = :fingerprint AND sweeps = :sweeps AND since = :since";
            request.ExpressionAttributeValues = new()
            {
                [":fingerprint"] = Text(expected.Fingerprint),
                [":sweeps"] = Number(expected.Sweeps),
                [":since"] = Millis(expected.Since),
            };
        }

        try
        {
            await CallAsync("PutItem", pk, () => client.PutItemAsync(request, cancellationToken)).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }
}
