using Amazon.DynamoDBv2.Model;
using IdcKmsGuard.Core.Rules;
using IdcKmsGuard.Core.State;
using static IdcKmsGuard.Aws.State.StateValues;

namespace IdcKmsGuard.Aws.State;

public sealed partial class DynamoDbGuardStateStore : IIncidentMemory
{
    public async Task<IncidentMemory?> GetIncidentMemoryAsync(IncidentScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var item = (await GetAsync(StateTable.SweepPrefix + scope.Arn, cancellationToken).ConfigureAwait(false)).Item;
        return item.IsEmpty()
            ? null
            : new IncidentMemory(
                scope,
                RuleSet.Parse(item.GetString(StateTable.Fingerprint)),
                (int)(item.GetNumber(StateTable.Sweeps) ?? 1),
                item.GetMillis(StateTable.Since) ?? DateTimeOffset.UnixEpoch);
    }

    // Conditional on what the caller read: an event and the sweep may write the same scope at once.
    public async Task<bool> SaveIncidentMemoryAsync(IncidentMemory memory, IncidentMemory? expected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(memory);
        var pk = StateTable.SweepPrefix + memory.Scope.Arn;
        var request = new PutItemRequest
        {
            TableName = tableName,
            Item = new()
            {
                [StateTable.Pk] = Text(pk),
                [StateTable.Fingerprint] = Text(memory.Open.ToString()),
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
                [":fingerprint"] = Text(expected.Open.ToString()),
                [":sweeps"] = Number(expected.Sweeps),
                [":since"] = Millis(expected.Since),
            };
        }

        return await TryPutAsync(pk, request, cancellationToken).ConfigureAwait(false);
    }
}
