using Amazon.DynamoDBv2.Model;
using static IdcKmsGuard.Aws.State.StateValues;

namespace IdcKmsGuard.Aws.State;

public sealed partial class DynamoDbGuardStateStore
{
    public async Task SavePendingAlertAsync(string eventId, string alertJson, TimeSpan keepFor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        ArgumentException.ThrowIfNullOrEmpty(alertJson);
        var pk = StateTable.PendingAlertPrefix + eventId;
        var request = new PutItemRequest
        {
            TableName = tableName,
            Item = new()
            {
                [StateTable.Pk] = Text(pk),
                [StateTable.Alert] = Text(alertJson),
                [StateTable.ExpiresAt] = Seconds(time.GetUtcNow() + keepFor),
            },
        };
        await CallAsync("PutItem", pk, () => client.PutItemAsync(request, cancellationToken)).ConfigureAwait(false);
    }

    public async Task<string?> TakePendingAlertAsync(string eventId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        var pk = StateTable.PendingAlertPrefix + eventId;

        // Delete and read in one call, so two retries cannot both take the same alert.
        var request = new DeleteItemRequest { TableName = tableName, Key = Key(pk), ReturnValues = "ALL_OLD" };
        var deleted = await CallAsync("DeleteItem", pk, () => client.DeleteItemAsync(request, cancellationToken)).ConfigureAwait(false);
        return deleted.Attributes.IsEmpty() ? null : deleted.Attributes.GetString(StateTable.Alert);
    }
}
