using System.Globalization;
using Amazon.DynamoDBv2.Model;
using IdcKmsGuard.Core.State;
using static IdcKmsGuard.Aws.State.StateValues;

namespace IdcKmsGuard.Aws.State;

/// <summary>
/// A key's memory (<see cref="KeyMemory"/>) on its <c>sweep#&lt;scope&gt;</c> item, one attribute per entry so that
/// writers never overwrite each other: <c>seen:&lt;part&gt;:&lt;value&gt;</c> (N, epoch ms of the last look that saw it) and
/// <c>change:&lt;part&gt;:&lt;event id&gt;</c> (M: actor, role, at, leftAs). Sightings and changes only add up; readers take
/// the latest; the sweep drops what can no longer matter.
/// </summary>
internal static class KeyMemoryAttributes
{
    private const string SeenPrefix = "seen:";
    private const string ChangePrefix = "change:";

    public static KeyMemory Read(Dictionary<string, AttributeValue>? item)
    {
        if (item is null)
        {
            return KeyMemory.Empty;
        }

        var sightings = new List<Sighting>();
        var changes = new List<KnownChange>();
        foreach (var (name, value) in item)
        {
            if (name.StartsWith(SeenPrefix, StringComparison.Ordinal) && Split(name, SeenPrefix) is var (subject, seenValue) && value.N is { } millis)
            {
                sightings.Add(new Sighting(subject, seenValue, DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(millis, CultureInfo.InvariantCulture))));
            }
            else if (name.StartsWith(ChangePrefix, StringComparison.Ordinal) && Split(name, ChangePrefix) is var (changed, eventId) && value.M is { } change)
            {
                changes.Add(new KnownChange(
                    changed,
                    eventId,
                    change.GetString("actor") ?? "unknown",
                    change.GetString("role"),
                    change.GetMillis("at") ?? DateTimeOffset.UnixEpoch,
                    change.GetString("leftAs") ?? string.Empty));
            }
        }

        return new KeyMemory(changes, sightings);
    }

    /// <summary>Adds <paramref name="update"/> to <paramref name="request"/>'s update expression (SET and REMOVE clauses).</summary>
    public static void AddTo(UpdateItemRequest request, KeyMemoryUpdate update)
    {
        var set = new List<string>();
        var remove = new List<string>();
        var names = request.ExpressionAttributeNames ??= [];
        var values = request.ExpressionAttributeValues ??= [];
        string Name(string attribute)
        {
            var placeholder = $"#m{names.Count}";
            names[placeholder] = attribute;
            return placeholder;
        }

        foreach (var sighting in update.Seen)
        {
            var value = $":m{values.Count}";
            values[value] = Millis(sighting.At);
            set.Add($"{Name(SeenName(sighting))} = {value}");
        }

        foreach (var change in update.Learned)
        {
            var value = $":m{values.Count}";
            values[value] = Change(change);
            set.Add($"{Name(ChangeName(change))} = {value}");
        }

        remove.AddRange(update.ForgetSightings.Select(s => Name(SeenName(s))));
        remove.AddRange(update.ForgetChanges.Select(c => Name(ChangeName(c))));
        string?[] clauses =
        [
            request.UpdateExpression,
            set.Count == 0 ? null : $"SET {string.Join(", ", set)}",
            remove.Count == 0 ? null : $"REMOVE {string.Join(", ", remove)}",
        ];
        request.UpdateExpression = string.Join(' ', clauses.Where(clause => !string.IsNullOrEmpty(clause)));

        // DynamoDB refuses an empty map of values (a write that only removes).
        if (values.Count == 0)
        {
            request.ExpressionAttributeValues = null;
        }
    }

    private static string SeenName(Sighting sighting) => $"{SeenPrefix}{sighting.Subject}:{sighting.Value}";

    private static string ChangeName(KnownChange change) => $"{ChangePrefix}{change.Subject}:{change.EventId}";

    private static AttributeValue Change(KnownChange change)
    {
        var map = new Dictionary<string, AttributeValue>
        {
            ["actor"] = Text(change.Actor),
            ["at"] = Millis(change.At),
            ["leftAs"] = Text(change.LeftAs),
        };
        if (change.ActorRole is { } role)
        {
            map["role"] = Text(role);
        }

        return new AttributeValue { M = map };
    }

    // "<prefix><part>:<rest>": parts are single words, so the first colon after the prefix ends the part.
    private static (string Subject, string Remainder)? Split(string name, string prefix)
    {
        var rest = name[prefix.Length..];
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        return colon <= 0 ? null : (rest[..colon], rest[(colon + 1)..]);
    }
}
