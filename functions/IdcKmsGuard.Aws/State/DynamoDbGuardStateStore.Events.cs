using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using IdcKmsGuard.Core.State;
using static IdcKmsGuard.Aws.State.StateValues;

namespace IdcKmsGuard.Aws.State;

public sealed partial class DynamoDbGuardStateStore
{
    // A claim whose holder crashed is taken over after its lease; the record itself is kept a while for inspection.
    private static readonly TimeSpan CrashedClaimKept = TimeSpan.FromDays(1);

    public async Task<EventClaim> ClaimEventAsync(string eventId, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        var pk = StateTable.EventPrefix + eventId;
        var token = NewToken();
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var now = time.GetUtcNow();
            var request = new PutItemRequest
            {
                TableName = tableName,
                Item = new()
                {
                    [StateTable.Pk] = Text(pk),
                    [StateTable.Status] = Text(StateTable.Processing),
                    [StateTable.ClaimToken] = Text(token),
                    [StateTable.ClaimedAt] = Millis(now),
                    [StateTable.LeaseUntil] = Millis(now + lease),
                    [StateTable.ExpiresAt] = Seconds(now + lease + CrashedClaimKept),
                },
                ConditionExpression = "attribute_not_exists(pk) OR (#status = :processing AND leaseUntil < :now)",
                ExpressionAttributeNames = new() { ["#status"] = StateTable.Status },
                ExpressionAttributeValues = new() { [":processing"] = Text(StateTable.Processing), [":now"] = Millis(now) },
                ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
            };
            try
            {
                await CallAsync("PutItem", pk, () => client.PutItemAsync(request, cancellationToken)).ConfigureAwait(false);
                return EventClaim.Claimed;
            }
            catch (ConditionalCheckFailedException failure)
            {
                var current = await CurrentAsync(pk, failure, cancellationToken).ConfigureAwait(false);
                if (current is not null)
                {
                    return current.GetString(StateTable.Status) == StateTable.Done ? EventClaim.AlreadyDone
                        : current.GetString(StateTable.ClaimToken) == token ? EventClaim.Claimed
                        : EventClaim.InProgress;
                }

                // Released (or expired) between the write and the read: try the claim again.
            }
        }

        throw KeptChanging(pk);
    }

    public async Task CompleteEventAsync(string eventId, TimeSpan keepFor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(keepFor, TimeSpan.Zero);
        var pk = StateTable.EventPrefix + eventId;
        var now = time.GetUtcNow();

        // Unconditional: the event was handled even when this claim's lease ran out meanwhile.
        var request = new UpdateItemRequest
        {
            TableName = tableName,
            Key = Key(pk),
            UpdateExpression = "SET #status = :done, completedAt = :now, expiresAt = :expires REMOVE leaseUntil, claimToken",
            ExpressionAttributeNames = new() { ["#status"] = StateTable.Status },
            ExpressionAttributeValues = new()
            {
                [":done"] = Text(StateTable.Done),
                [":now"] = Millis(now),
                [":expires"] = Seconds(now + keepFor),
            },
        };
        await CallAsync("UpdateItem", pk, () => client.UpdateItemAsync(request, cancellationToken)).ConfigureAwait(false);
    }

    public async Task ReleaseEventAsync(string eventId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        var pk = StateTable.EventPrefix + eventId;
        var request = new DeleteItemRequest
        {
            TableName = tableName,
            Key = Key(pk),
            ConditionExpression = "#status = :processing",
            ExpressionAttributeNames = new() { ["#status"] = StateTable.Status },
            ExpressionAttributeValues = new() { [":processing"] = Text(StateTable.Processing) },
        };
        try
        {
            await CallAsync("DeleteItem", pk, () => client.DeleteItemAsync(request, cancellationToken)).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException)
        {
            // Already done (a completed event stays done) or already gone: nothing to release.
        }
    }
}
