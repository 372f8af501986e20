using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using IdcKmsGuard.Core.State;
using static IdcKmsGuard.Aws.State.StateValues;

namespace IdcKmsGuard.Aws.State;

public sealed partial class DynamoDbGuardStateStore
{
    // Kept well past the window so that repeats counted before a quiet spell still reach the next alert sent.
    private static readonly TimeSpan MinimumAlertRecordLife = TimeSpan.FromDays(1);

    public async Task<AlertDecision> RegisterAlertAsync(string alertKey, TimeSpan window, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(alertKey);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        var pk = StateTable.AlertPrefix + alertKey;
        var token = NewToken();
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var now = time.GetUtcNow();
            var expires = now + TimeSpan.FromTicks(Math.Max(window.Ticks * 2, MinimumAlertRecordLife.Ticks));
            try
            {
                var sent = await CallAsync("UpdateItem", pk, () => client.UpdateItemAsync(SendRequest(pk, token, now, window, expires), cancellationToken)).ConfigureAwait(false);
                return SentDecision(sent.Attributes);
            }
            catch (ConditionalCheckFailedException failure)
            {
                var current = await CurrentAsync(pk, failure, cancellationToken).ConfigureAwait(false);
                if (current.GetString(StateTable.SentBy) == token)
                {
                    return SentDecision(current);
                }
            }

            try
            {
                var counted = await CallAsync("UpdateItem", pk, () => client.UpdateItemAsync(CountRequest(pk, now, window, expires), cancellationToken)).ConfigureAwait(false);
                return new AlertDecision(false, (int)(counted.Attributes.GetNumber(StateTable.Suppressed) ?? 0), counted.Attributes.GetMillis(StateTable.LastSentAt));
            }
            catch (ConditionalCheckFailedException)
            {
                // The window closed (or the record expired) since the first write: decide again.
            }
        }

        throw KeptChanging(pk);
    }

    /// <summary>
    /// Sends when nothing was sent within the window. The repeats counted so far and the previous send time are
    /// copied into the item (SET reads the old values), so a retried write that already succeeded reads them back.
    /// </summary>
    private UpdateItemRequest SendRequest(string pk, string token, DateTimeOffset now, TimeSpan window, DateTimeOffset expires) => new()
    {
        TableName = tableName,
        Key = Key(pk),
        UpdateExpression = "SET reportedSuppressed = if_not_exists(suppressed, :zero), previousSentAt = if_not_exists(lastSentAt, :zero), "
            + "lastSentAt = :now, sentBy = :token, suppressed = :zero, expiresAt = :expires REMOVE firstSuppressedAt",
        ConditionExpression = "attribute_not_exists(lastSentAt) OR lastSentAt <= :windowStart",
        ExpressionAttributeValues = new()
        {
            [":zero"] = Number(0),
            [":now"] = Millis(now),
            [":token"] = Text(token),
            [":expires"] = Seconds(expires),
            [":windowStart"] = Millis(now - window),
        },
        ReturnValues = ReturnValue.ALL_NEW,
        ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
    };

    private UpdateItemRequest CountRequest(string pk, DateTimeOffset now, TimeSpan window, DateTimeOffset expires) => new()
    {
        TableName = tableName,
        Key = Key(pk),
        UpdateExpression = "SET suppressed = if_not_exists(suppressed, :zero) + :one, "
            + "firstSuppressedAt = if_not_exists(firstSuppressedAt, :now), expiresAt = :expires",
        ConditionExpression = "lastSentAt > :windowStart",
        ExpressionAttributeValues = new()
        {
            [":zero"] = Number(0),
            [":one"] = Number(1),
            [":now"] = Millis(now),
            [":expires"] = Seconds(expires),
            [":windowStart"] = Millis(now - window),
        },
        ReturnValues = ReturnValue.ALL_NEW,
    };

    private static AlertDecision SentDecision(Dictionary<string, AttributeValue>? item) => new(
        true,
        (int)(item.GetNumber(StateTable.ReportedSuppressed) ?? 0),
        item.GetNumber(StateTable.PreviousSentAt) is { } previous and not 0 ? DateTimeOffset.FromUnixTimeMilliseconds(previous) : null);
}
