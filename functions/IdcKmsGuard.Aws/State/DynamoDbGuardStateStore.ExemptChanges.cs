using Amazon.DynamoDBv2.Model;
using IdcKmsGuard.Core.State;
using static IdcKmsGuard.Aws.State.StateValues;

namespace IdcKmsGuard.Aws.State;

public sealed partial class DynamoDbGuardStateStore : IExemptChanges
{
    // An exemption without an end is re-checked against the configuration on every use; the item itself lapses.
    private static readonly TimeSpan OpenEndedExemptChange = TimeSpan.FromDays(365);

    public async Task RememberExemptChangeAsync(ExemptChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var pk = ExemptChangePk(change.KeyArn, change.RuleId);
        var item = new Dictionary<string, AttributeValue>
        {
            [StateTable.Pk] = Text(pk),
            [StateTable.KeyArn] = Text(change.KeyArn),
            [StateTable.RuleId] = Text(change.RuleId),
            [StateTable.Actor] = Text(change.Principal),
            [StateTable.ExemptionPattern] = Text(change.ExemptionPattern),
            [StateTable.ObservedAt] = Millis(change.At),
            [StateTable.LeftAs] = Text(change.LeftAs),
            [StateTable.ExpiresAt] = Seconds(change.Until ?? change.At + OpenEndedExemptChange),
        };
        if (change.Until is { } until)
        {
            item[StateTable.Until] = Millis(until);
        }

        if (change.EventId is { } eventId)
        {
            item[StateTable.EventId] = Text(eventId);
        }

        await PutUnlessNewerKeptAsync(pk, item, StateTable.ObservedAt, orEqual: true, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ExemptChange?> FindExemptChangeAsync(string keyArn, string ruleId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyArn);
        ArgumentException.ThrowIfNullOrEmpty(ruleId);
        var item = (await GetAsync(ExemptChangePk(keyArn, ruleId), cancellationToken).ConfigureAwait(false)).Item;
        if (item.IsEmpty() || item.GetString(StateTable.Actor) is not { } principal || item.GetString(StateTable.LeftAs) is not { } leftAs)
        {
            return null;
        }

        return new ExemptChange(
            keyArn,
            ruleId,
            principal,
            item.GetString(StateTable.ExemptionPattern) ?? principal,
            item.GetMillis(StateTable.Until),
            item.GetString(StateTable.EventId),
            item.GetMillis(StateTable.ObservedAt) ?? DateTimeOffset.UnixEpoch,
            leftAs);
    }

    private static string ExemptChangePk(string keyArn, string ruleId) => $"{StateTable.ExemptChangePrefix}{keyArn}#{ruleId}";
}
