using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using IdcKmsGuard.Core.State;
using static IdcKmsGuard.Aws.State.StateValues;

namespace IdcKmsGuard.Aws.State;

/// <summary>The <see cref="IEventLedger"/>: one item per event, its journal on it while the event is unfinished.</summary>
public sealed partial class DynamoDbGuardStateStore : IEventLedger
{
    // A claim is kept a day for inspection; an item with a journal a week, so the sweep can still finish it.
    private static readonly TimeSpan ClaimKept = TimeSpan.FromDays(1);
    private static readonly TimeSpan JournalKept = TimeSpan.FromDays(7);

    public async Task<LedgerClaim> ClaimAsync(string eventId, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        var pk = StateTable.EventPrefix + eventId;
        var token = NewToken();
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var now = time.GetUtcNow();
            if (leaseUntil <= now)
            {
                throw new ArgumentOutOfRangeException(nameof(leaseUntil), leaseUntil, "The lease must end in the future.");
            }

            var request = new UpdateItemRequest
            {
                TableName = tableName,
                Key = Key(pk),
                UpdateExpression = "SET #status = :processing, claimToken = :token, claimedAt = :now, leaseUntil = :lease, "
                    + "expiresAt = :expires, attempts = if_not_exists(attempts, :zero) + :one",
                ConditionExpression = "attribute_not_exists(pk) OR #status = :released OR (#status = :processing AND leaseUntil < :now)",
                ExpressionAttributeNames = new() { ["#status"] = StateTable.Status },
                ExpressionAttributeValues = new()
                {
                    [":processing"] = Text(StateTable.Processing),
                    [":released"] = Text(StateTable.Released),
                    [":token"] = Text(token),
                    [":now"] = Millis(now),
                    [":lease"] = Millis(leaseUntil),
                    [":expires"] = Seconds(leaseUntil + JournalKept),
                    [":zero"] = Number(0),
                    [":one"] = Number(1),
                },
                ReturnValues = ReturnValue.ALL_NEW,
                ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
            };
            try
            {
                var claimed = await CallAsync("UpdateItem", pk, () => client.UpdateItemAsync(request, cancellationToken)).ConfigureAwait(false);
                return Claimed(eventId, token, claimed.Attributes);
            }
            catch (ConditionalCheckFailedException failure)
            {
                var current = await CurrentAsync(pk, failure, cancellationToken).ConfigureAwait(false);
                if (current is not null)
                {
                    // The same token means the SDK resent a claim that had succeeded: it is ours.
                    return current.GetString(StateTable.Status) == StateTable.Done ? new LedgerClaim(eventId, EventClaim.AlreadyDone, null, 0, null)
                        : current.GetString(StateTable.ClaimToken) == token ? Claimed(eventId, token, current)
                        : new LedgerClaim(eventId, EventClaim.InProgress, null, await CountDeliveryAsync(pk, cancellationToken).ConfigureAwait(false), null)
                        {
                            HeldUntil = current.GetMillis(StateTable.LeaseUntil),
                        };
                }

                // Gone between the write and the read (expired): try the claim again.
            }
        }

        throw KeptChanging(pk);
    }

    // A delivery that finds the event held still counts: the holder may be dead, and the delivery that takes the event
    // over must know whether Lambda will deliver it again.
    private async Task<int> CountDeliveryAsync(string pk, CancellationToken cancellationToken)
    {
        var request = new UpdateItemRequest
        {
            TableName = tableName,
            Key = Key(pk),
            UpdateExpression = "SET attempts = if_not_exists(attempts, :zero) + :one",
            ConditionExpression = "attribute_exists(pk)",
            ExpressionAttributeValues = new() { [":zero"] = Number(0), [":one"] = Number(1) },
            ReturnValues = ReturnValue.UPDATED_NEW,
        };
        try
        {
            var counted = await CallAsync("UpdateItem", pk, () => client.UpdateItemAsync(request, cancellationToken)).ConfigureAwait(false);
            return (int)(counted.Attributes.GetNumber(StateTable.Attempts) ?? 0);
        }
        catch (ConditionalCheckFailedException)
        {
            return 0;
        }
    }

    public async Task SaveJournalAsync(LedgerClaim claim, EventJournal journal, string scope, CancellationToken cancellationToken)
    {
        var (pk, token) = Held(claim);
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentException.ThrowIfNullOrEmpty(scope);
        var request = new UpdateItemRequest
        {
            TableName = tableName,
            Key = Key(pk),
            UpdateExpression = "SET journal = :journal, outboxScope = if_not_exists(outboxScope, :scope), expiresAt = :expires",
            ConditionExpression = "claimToken = :token",
            ExpressionAttributeValues = new()
            {
                [":journal"] = Text(EventJournalJson.Write(journal)),
                [":scope"] = Text(scope),
                [":expires"] = Seconds(time.GetUtcNow() + JournalKept),
                [":token"] = Text(token),
            },
        };
        try
        {
            await TransactAsync(pk, [request, MarkUnfinished(scope, "ADD", claim.EventId)], cancellationToken).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException)
        {
            throw new ClaimLostException(claim.EventId);
        }
    }

    public async Task ReleaseAsync(LedgerClaim claim, CancellationToken cancellationToken)
    {
        var (pk, token) = Held(claim);
        var request = new UpdateItemRequest
        {
            TableName = tableName,
            Key = Key(pk),
            UpdateExpression = "SET #status = :released REMOVE leaseUntil, claimToken",
            ConditionExpression = "claimToken = :token",
            ExpressionAttributeNames = new() { ["#status"] = StateTable.Status },
            ExpressionAttributeValues = new() { [":released"] = Text(StateTable.Released), [":token"] = Text(token) },
        };
        try
        {
            await CallAsync("UpdateItem", pk, () => client.UpdateItemAsync(request, cancellationToken)).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException)
        {
            // Not ours any more (released already, or taken after the lease ran out): nothing to give back.
        }
    }

    public async Task<IReadOnlyList<string>> UnfinishedAsync(string? scope, CancellationToken cancellationToken)
    {
        if (scope is not null)
        {
            // The marks on the scope's item: read consistently, where the index would answer only eventually.
            var marked = (await GetAsync(StateTable.SweepPrefix + scope, cancellationToken).ConfigureAwait(false)).Item;
            return marked.GetStrings(StateTable.Unfinished);
        }

        var found = new List<string>();
        Dictionary<string, AttributeValue>? next = null;
        do
        {
            var page = await CallAsync("Scan", StateTable.UnfinishedIndex, () => client.ScanAsync(
                new ScanRequest { TableName = tableName, IndexName = StateTable.UnfinishedIndex, ExclusiveStartKey = next },
                cancellationToken)).ConfigureAwait(false);
            next = page.LastEvaluatedKey;
            found.AddRange(page.Items.Select(i => i.GetString(StateTable.Pk)).OfType<string>()
                .Where(pk => pk.StartsWith(StateTable.EventPrefix, StringComparison.Ordinal))
                .Select(pk => pk[StateTable.EventPrefix.Length..]));
        }
        while (!next.IsEmpty());

        return found;
    }

    // The scope's mark of an unfinished event (ADD) or its removal (DELETE), written in the journal's transactions.
    private UpdateItemRequest MarkUnfinished(string scope, string action, string eventId) => new()
    {
        TableName = tableName,
        Key = Key(StateTable.SweepPrefix + scope),
        UpdateExpression = $"{action} #unfinished :event",
        ExpressionAttributeNames = new() { ["#unfinished"] = StateTable.Unfinished },
        ExpressionAttributeValues = new() { [":event"] = Texts([eventId]) },
    };

    private static LedgerClaim Claimed(string eventId, string token, Dictionary<string, AttributeValue>? item) => new(
        eventId,
        EventClaim.Claimed,
        token,
        (int)(item.GetNumber(StateTable.Attempts) ?? 1),
        item.GetString(StateTable.Journal) is { } journal ? EventJournalJson.Read(journal) : null);

    private static (string Pk, string Token) Held(LedgerClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return claim.Token is { } token
            ? (StateTable.EventPrefix + claim.EventId, token)
            : throw new ArgumentException($"Event {claim.EventId} is not held by this invocation ({claim.Status}).", nameof(claim));
    }
}
