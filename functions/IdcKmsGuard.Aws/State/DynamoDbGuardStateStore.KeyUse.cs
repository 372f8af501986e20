using System.Collections.Immutable;
using System.Globalization;
using Amazon.DynamoDBv2.Model;
using IdcKmsGuard.Core.Events;
using IdcKmsGuard.Core.State;
using static IdcKmsGuard.Aws.State.StateValues;

namespace IdcKmsGuard.Aws.State;

public sealed partial class DynamoDbGuardStateStore : IKeyUseTallies
{
    // Long past any burst's quiet check: an abandoned tally goes, a live one is rewritten long before.
    private static readonly TimeSpan KeepKeyUseTally = TimeSpan.FromDays(30);

    public async Task<KeyUseTally?> GetKeyUseTallyAsync(string keyId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        var item = (await GetAsync(StateTable.KeyUsePrefix + keyId, cancellationToken).ConfigureAwait(false)).Item;
        if (item.IsEmpty() || item.GetNumber(StateTable.Revision) is not { } revision)
        {
            return null;
        }

        return new KeyUseTally(
            keyId,
            item.GetMillis(StateTable.OpenedAt) ?? DateTimeOffset.UnixEpoch,
            item.GetMillis(StateTable.LastFailureAt) ?? DateTimeOffset.UnixEpoch,
            item.GetNumber(StateTable.Failures) ?? 0,
            item.GetMillis(StateTable.LastSentAt) ?? DateTimeOffset.UnixEpoch,
            (int)(item.GetNumber(StateTable.AlertCount) ?? 0),
            new KeyUseCounts(
                Counts(item, StateTable.Actions), Counts(item, StateTable.ErrorCodes), Counts(item, StateTable.Regions), Counts(item, StateTable.Contexts)),
            revision,
            item.GetMillis(StateTable.ClosedAt));
    }

    public async Task<bool> SaveKeyUseTallyAsync(KeyUseTally tally, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tally);
        var pk = StateTable.KeyUsePrefix + tally.KeyId;
        var item = new Dictionary<string, AttributeValue>
        {
            [StateTable.Pk] = Text(pk),
            [StateTable.OpenedAt] = Millis(tally.OpenedAt),
            [StateTable.LastFailureAt] = Millis(tally.LastFailureAt),
            [StateTable.Failures] = Number(tally.Failures),
            [StateTable.LastSentAt] = Millis(tally.LastAlertAt),
            [StateTable.AlertCount] = Number(tally.Alerts),
            [StateTable.Actions] = Map(tally.Counts.Actions),
            [StateTable.ErrorCodes] = Map(tally.Counts.ErrorCodes),
            [StateTable.Regions] = Map(tally.Counts.Regions),
            [StateTable.Contexts] = Map(tally.Counts.Contexts),
            [StateTable.Revision] = Number(tally.Revision),
            [StateTable.ExpiresAt] = Seconds(time.GetUtcNow() + KeepKeyUseTally),
        };
        if (tally.ClosedAt is { } closedAt)
        {
            item[StateTable.ClosedAt] = Millis(closedAt);
        }

        var request = new PutItemRequest
        {
            TableName = tableName,
            Item = item,
            ConditionExpression = tally.Revision <= 1 ? "attribute_not_exists(pk)" : "revision = :previous",
        };
        if (tally.Revision > 1)
        {
            request.ExpressionAttributeValues = new() { [":previous"] = Number(tally.Revision - 1) };
        }

        return await TryPutAsync(pk, request, cancellationToken).ConfigureAwait(false);
    }

    // An empty map is allowed in DynamoDB; the values are counts.
    private static AttributeValue Map(IReadOnlyDictionary<string, long> counts) =>
        new() { M = counts.ToDictionary(pair => pair.Key, pair => Number(pair.Value), StringComparer.Ordinal) };

    private static ImmutableSortedDictionary<string, long> Counts(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.M is { } map
            ? map.Where(pair => pair.Value.N is not null)
                .ToImmutableSortedDictionary(
                    pair => pair.Key, pair => long.Parse(pair.Value.N, NumberStyles.Integer, CultureInfo.InvariantCulture), StringComparer.Ordinal)
            : ImmutableSortedDictionary<string, long>.Empty.WithComparers(StringComparer.Ordinal);
}
