using Amazon.DynamoDBv2.Model;
using IdcKmsGuard.Core.Rules;
using IdcKmsGuard.Core.State;
using static IdcKmsGuard.Aws.State.StateValues;

namespace IdcKmsGuard.Aws.State;

/// <summary>
/// The <see cref="IIncidentMemory"/> on <c>sweep#&lt;scope&gt;</c>. The same item holds the scope's unfinished marks
/// (the event ledger's), so the memory is written attribute by attribute, never replaced whole.
/// </summary>
public sealed partial class DynamoDbGuardStateStore : IIncidentMemory
{
    public async Task<IncidentMemory?> GetIncidentMemoryAsync(IncidentScope scope, CancellationToken cancellationToken) =>
        (await ReadScopeAsync(scope, cancellationToken).ConfigureAwait(false)).Incident;

    public async Task<ScopeRecord> ReadScopeAsync(IncidentScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var item = (await GetAsync(StateTable.SweepPrefix + scope.Arn, cancellationToken).ConfigureAwait(false)).Item;
        var incident = item.GetString(StateTable.Fingerprint) is not { } fingerprint
            ? null
            : new IncidentMemory(
                scope,
                RuleSet.Parse(fingerprint),
                (int)(item.GetNumber(StateTable.Sweeps) ?? 1),
                item.GetMillis(StateTable.Since) ?? DateTimeOffset.UnixEpoch)
            {
                Told = RuleCauses.Parse(item.GetString(StateTable.Told)),
                Opened = item.GetMillis(StateTable.Opened),
            };
        return new ScopeRecord(incident, item.GetStrings(StateTable.Unfinished), KeyMemoryAttributes.Read(item));
    }

    // DynamoDB keeps no empty string in a condition's comparison reliably across versions: "-" stands for no cause.
    private static string Told(RuleCauses causes) => causes == RuleCauses.None ? "-" : causes.Text;

    // Conditional on what the caller read: an event and the sweep may write the same scope at once.
    public async Task<bool> SaveIncidentMemoryAsync(IncidentMemory memory, IncidentMemory? expected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(memory);
        var pk = StateTable.SweepPrefix + memory.Scope.Arn;
        var request = new UpdateItemRequest
        {
            TableName = tableName,
            Key = Key(pk),
            UpdateExpression = memory.Opened is null
                ? "SET fingerprint = :open, sweeps = :count, since = :from, told = :told REMOVE opened"
                : "SET fingerprint = :open, sweeps = :count, since = :from, told = :told, opened = :opened",
            ExpressionAttributeValues = new()
            {
                [":open"] = Text(memory.Open.ToString()),
                [":count"] = Number(memory.Sweeps),
                [":from"] = Millis(memory.Since),
                [":told"] = Text(Told(memory.Told)),
            },
        };
        if (memory.Opened is { } opened)
        {
            request.ExpressionAttributeValues[":opened"] = Millis(opened);
        }

        if (expected is null)
        {
            request.ConditionExpression = "attribute_not_exists(fingerprint)";
        }
        else
        {
            // An item written before the memory kept causes has no "told": it stands for none.
            request.ConditionExpression = "fingerprint = :fingerprint AND sweeps = :sweeps AND since = :since AND "
                + (expected.Told == RuleCauses.None ? "(attribute_not_exists(told) OR told = :toldBefore)" : "told = :toldBefore");
            request.ExpressionAttributeValues[":fingerprint"] = Text(expected.Open.ToString());
            request.ExpressionAttributeValues[":sweeps"] = Number(expected.Sweeps);
            request.ExpressionAttributeValues[":since"] = Millis(expected.Since);
            request.ExpressionAttributeValues[":toldBefore"] = Text(Told(expected.Told));
        }

        try
        {
            await CallAsync("UpdateItem", pk, () => client.UpdateItemAsync(request, cancellationToken)).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }
}
