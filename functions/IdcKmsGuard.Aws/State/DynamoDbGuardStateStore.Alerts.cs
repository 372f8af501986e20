using Amazon.DynamoDBv2.Model;
using IdcKmsGuard.Core.State;
using static IdcKmsGuard.Aws.State.StateValues;

namespace IdcKmsGuard.Aws.State;

/// <summary>The <see cref="IAlertLedger"/>: one item per alert key, when it last went out and the repeats since.</summary>
public sealed partial class DynamoDbGuardStateStore : IAlertLedger
{
    // Kept well past the window so that repeats counted before a quiet spell still reach the next alert sent.
    private static readonly TimeSpan MinimumAlertRecordLife = TimeSpan.FromDays(1);

    public async Task<AlertDecision> DecideAsync(string alertKey, TimeSpan window, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(alertKey);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        var item = (await GetAsync(StateTable.AlertPrefix + alertKey, cancellationToken).ConfigureAwait(false)).Item;
        var lastSent = item.GetMillis(StateTable.LastSentAt);
        var recent = lastSent is { } sent && sent > time.GetUtcNow() - window;
        return new AlertDecision(!recent, (int)(item.GetNumber(StateTable.Suppressed) ?? 0), lastSent);
    }

    public async Task CountRepeatAsync(string alertKey, TimeSpan window, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var request = AlertUpdate(
            alertKey,
            window,
            now,
            "SET suppressed = if_not_exists(suppressed, :zero) + :one, firstSuppressedAt = if_not_exists(firstSuppressedAt, :now), expiresAt = :expires");
        request.ConditionExpression = "lastSentAt > :windowStart";
        request.ExpressionAttributeValues[":one"] = Number(1);
        request.ExpressionAttributeValues[":windowStart"] = Millis(now - window);
        try
        {
            await CallAsync("UpdateItem", StateTable.AlertPrefix + alertKey, () => client.UpdateItemAsync(request, cancellationToken)).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException)
        {
            // The window closed since the decision: the repeat need not be counted against it.
        }
    }

    public async Task RecordSentAsync(string alertKey, TimeSpan window, CancellationToken cancellationToken)
    {
        var request = RecordSent(alertKey, window, time.GetUtcNow());
        await CallAsync("UpdateItem", StateTable.AlertPrefix + alertKey, () => client.UpdateItemAsync(request, cancellationToken)).ConfigureAwait(false);
    }

    // Also written with an event's completion (see CompleteAsync).
    private UpdateItemRequest RecordSent(string alertKey, TimeSpan window, DateTimeOffset now) => AlertUpdate(
        alertKey,
        window,
        now,
        "SET previousSentAt = if_not_exists(lastSentAt, :zero), lastSentAt = :now, suppressed = :zero, expiresAt = :expires REMOVE firstSuppressedAt");

    // Every alert update stamps the time and keeps the record alive past the window.
    private UpdateItemRequest AlertUpdate(string alertKey, TimeSpan window, DateTimeOffset now, string updateExpression)
    {
        ArgumentException.ThrowIfNullOrEmpty(alertKey);
        return new UpdateItemRequest
        {
            TableName = tableName,
            Key = Key(StateTable.AlertPrefix + alertKey),
            UpdateExpression = updateExpression,
            ExpressionAttributeValues = new()
            {
                [":zero"] = Number(0),
                [":now"] = Millis(now),
                [":expires"] = Seconds(now + RecordLife(window)),
            },
        };
    }

    private static TimeSpan RecordLife(TimeSpan window) => TimeSpan.FromTicks(Math.Max(window.Ticks * 2, MinimumAlertRecordLife.Ticks));
}
