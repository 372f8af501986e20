using System.Globalization;
using Amazon.DynamoDBv2.Model;
using IdcKmsGuard.Core.State;
using static IdcKmsGuard.Aws.State.StateValues;

namespace IdcKmsGuard.Aws.State;

public sealed partial class DynamoDbGuardStateStore : IConfigurationHistory
{
    public async Task<AnnouncedConfiguration?> LastAnnouncedAsync(string source, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        var item = (await GetAsync(StateTable.ConfigurationPrefix + source, cancellationToken).ConfigureAwait(false)).Item;
        return item.IsEmpty() || item.GetString(StateTable.Version) is not { } version
            ? null
            : new AnnouncedConfiguration(
                source, version, item.GetString(StateTable.DocumentText) ?? string.Empty, item.GetMillis(StateTable.ObservedAt) ?? DateTimeOffset.UnixEpoch)
            {
                ModifiedAt = item.GetMillis(StateTable.ModifiedAt),
            };
    }

    // Two invocations can announce the same version; a late one must never put an older version back. When the source
    // says when it wrote the version, that orders them (a parameter created again starts at version 1).
    public async Task SaveAnnouncedAsync(AnnouncedConfiguration announced, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(announced);
        var pk = StateTable.ConfigurationPrefix + announced.Source;
        var item = new Dictionary<string, AttributeValue>
        {
            [StateTable.Pk] = Text(pk),
            [StateTable.Version] = Text(announced.Version),
            [StateTable.DocumentText] = Text(announced.Text),
            [StateTable.ObservedAt] = Millis(announced.At),
        };
        if (announced.ModifiedAt is { } written)
        {
            item[StateTable.ModifiedAt] = Millis(written);
            await TryPutAsync(pk, new PutItemRequest
            {
                TableName = tableName,
                Item = item,
                ConditionExpression = "attribute_not_exists(pk) OR attribute_not_exists(modifiedAt) OR modifiedAt < :written",
                ExpressionAttributeValues = new() { [":written"] = Millis(written) },
            }, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!long.TryParse(announced.Version, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            // A version without an order replaces whatever is kept.
            await CallAsync(
                "PutItem",
                pk,
                () => client.PutItemAsync(new PutItemRequest { TableName = tableName, Item = item }, cancellationToken)).ConfigureAwait(false);
            return;
        }

        item[StateTable.VersionNumber] = Number(number);
        await PutUnlessNewerKeptAsync(pk, item, StateTable.VersionNumber, orEqual: false, cancellationToken).ConfigureAwait(false);
    }
}
