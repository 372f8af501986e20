using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using IdcKmsGuard.Core.Errors;
using IdcKmsGuard.Core.State;
using static IdcKmsGuard.Aws.State.StateValues;

namespace IdcKmsGuard.Aws.State;

/// <summary>
/// An event's completion, and what it records with it (the alerts it sent, its unfinished marks cleared, what it saw
/// and learned for the keys' memories): one transaction, so all of it happens or none.
/// </summary>
public sealed partial class DynamoDbGuardStateStore
{
    // A transaction holds at most 100 writes; a sweep over many keys can send more alerts, and change more scopes.
    private const int MaxEachWithCompletion = 24;

    public async Task CompleteAsync(LedgerClaim claim, EventCompletion completion, CancellationToken cancellationToken)
    {
        var (pk, token) = Held(claim);
        ArgumentNullException.ThrowIfNull(completion);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(completion.KeepFor, TimeSpan.Zero);
        var now = time.GetUtcNow();
        var done = new UpdateItemRequest
        {
            TableName = tableName,
            Key = Key(pk),
            UpdateExpression = "SET #status = :done, completedAt = :now, expiresAt = :expires REMOVE leaseUntil, claimToken, journal, outboxScope",
            ConditionExpression = "claimToken = :token",
            ExpressionAttributeNames = new() { ["#status"] = StateTable.Status },
            ExpressionAttributeValues = new()
            {
                [":done"] = Text(StateTable.Done),
                [":now"] = Millis(now),
                [":expires"] = Seconds(now + completion.KeepFor),
                [":token"] = Text(token),
            },
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
        };
        try
        {
            var marks = ScopeWrites(completion, claim.EventId);
            var records = completion.AlertsSent.Select(a => RecordSent(a.AlertKey, a.Window, now)).ToList();

            // Past the limit, the rest go first, each alone: a record or a mark cleared early misleads nobody.
            foreach (var extra in marks.Skip(MaxEachWithCompletion).Concat(records.Skip(MaxEachWithCompletion)))
            {
                await CallAsync("UpdateItem", extra.Key[StateTable.Pk].S, () => client.UpdateItemAsync(extra, cancellationToken)).ConfigureAwait(false);
            }

            List<UpdateItemRequest> writes = [done, .. marks.Take(MaxEachWithCompletion), .. records.Take(MaxEachWithCompletion)];
            if (writes.Count == 1)
            {
                await CallAsync("UpdateItem", pk, () => client.UpdateItemAsync(done, cancellationToken)).ConfigureAwait(false);
            }
            else
            {
                await TransactAsync(pk, writes, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (ConditionalCheckFailedException failure)
        {
            // Done already: the SDK resent a completion whose answer was lost. Anything else: another holder.
            var current = await CurrentAsync(pk, failure, cancellationToken).ConfigureAwait(false);
            if (current.GetString(StateTable.Status) != StateTable.Done)
            {
                throw new ClaimLostException(claim.EventId);
            }
        }
    }

    // One write per scope (a transaction may not touch an item twice): the unfinished mark cleared, the memory added to.
    private List<UpdateItemRequest> ScopeWrites(EventCompletion completion, string eventId)
    {
        var writes = new List<UpdateItemRequest>();
        foreach (var scope in completion.UnfinishedOn.Union(completion.Memory.Keys, StringComparer.Ordinal))
        {
            UpdateItemRequest write;
            if (completion.UnfinishedOn.Contains(scope, StringComparer.Ordinal))
            {
                write = MarkUnfinished(scope, "DELETE", eventId);
            }
            else
            {
                write = new UpdateItemRequest { TableName = tableName, Key = Key(StateTable.SweepPrefix + scope), UpdateExpression = string.Empty };
            }

            if (completion.Memory.TryGetValue(scope, out var memory))
            {
                KeyMemoryAttributes.AddTo(write, memory);
            }

            writes.Add(write);
        }

        return writes;
    }

    /// <summary>
    /// Writes <paramref name="updates"/> in one transaction. A failed condition comes back as the
    /// <see cref="ConditionalCheckFailedException"/> a single write would have thrown; a conflict with another
    /// transaction on the same items is tried again.
    /// </summary>
    private async Task TransactAsync(string pk, IReadOnlyList<UpdateItemRequest> updates, CancellationToken cancellationToken)
    {
        var request = new TransactWriteItemsRequest { TransactItems = [.. updates.Select(AsTransactItem)] };
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await CallAsync("TransactWriteItems", pk, () => client.TransactWriteItemsAsync(request, cancellationToken)).ConfigureAwait(false);
                return;
            }
            catch (AwsCallException e) when (e.InnerException is TransactionCanceledException canceled)
            {
                var reasons = canceled.CancellationReasons ?? [];
                if (reasons.FirstOrDefault(r => r.Code == "ConditionalCheckFailed") is { } failed)
                {
                    throw new ConditionalCheckFailedException(canceled.Message) { Item = failed.Item };
                }

                if (attempt >= MaxAttempts || !reasons.Any(r => r.Code == "TransactionConflict"))
                {
                    throw;
                }
            }
        }
    }

    private static TransactWriteItem AsTransactItem(UpdateItemRequest update) => new()
    {
        Update = new Update
        {
            TableName = update.TableName,
            Key = update.Key,
            UpdateExpression = update.UpdateExpression,
            ConditionExpression = update.ConditionExpression,
            ExpressionAttributeNames = update.ExpressionAttributeNames,
            ExpressionAttributeValues = update.ExpressionAttributeValues,
            ReturnValuesOnConditionCheckFailure = update.ReturnValuesOnConditionCheckFailure,
        },
    };
}
