using Amazon.DynamoDBv2.Model;
using IdcKmsGuard.Core.State;
using static IdcKmsGuard.Aws.State.StateValues;

namespace IdcKmsGuard.Aws.State;

public sealed partial class DynamoDbGuardStateStore : IFollowUpEvents
{
    public Task KeepFollowUpEventAsync(string eventId, string eventJson, DateTimeOffset keepUntil, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        ArgumentException.ThrowIfNullOrEmpty(eventJson);
        var pk = StateTable.FollowUpPrefix + eventId;
        var request = new PutItemRequest
        {
            TableName = tableName,
            Item = new()
            {
                [StateTable.Pk] = Text(pk),
                [StateTable.Event] = Text(eventJson),
                [StateTable.ExpiresAt] = Seconds(keepUntil),
            },
        };
        return CallAsync("PutItem", pk, () => client.PutItemAsync(request, cancellationToken));
    }

    // DynamoDB's TTL deletes within days, not at the second: an item past its time is treated as gone.
    public async Task<string?> FindFollowUpEventAsync(string eventId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        var item = (await GetAsync(StateTable.FollowUpPrefix + eventId, cancellationToken).ConfigureAwait(false)).Item;
        return item.IsEmpty() || item.GetNumber(StateTable.ExpiresAt) is not { } expires || expires < time.GetUtcNow().ToUnixTimeSeconds()
            ? null
            : item.GetString(StateTable.Event);
    }
}
