using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace IdcKmsGuard.Aws.State;

internal static class StateValues
{
    public static AttributeValue Text(string value) => new() { S = value };

    public static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    public static AttributeValue Millis(DateTimeOffset time) => Number(time.ToUnixTimeMilliseconds());

    public static AttributeValue Seconds(DateTimeOffset time) => Number(time.ToUnixTimeSeconds());

    public static AttributeValue Texts(IEnumerable<string> values) => new() { SS = [.. values] };

    public static IReadOnlyList<string> GetStrings(this Dictionary<string, AttributeValue>? item, string name) =>
        item is not null && item.TryGetValue(name, out var value) && value.SS is { } set ? set : [];

    public static string? GetString(this Dictionary<string, AttributeValue>? item, string name) =>
        item is not null && item.TryGetValue(name, out var value) ? value.S : null;

    public static long? GetNumber(this Dictionary<string, AttributeValue>? item, string name) =>
        item is not null && item.TryGetValue(name, out var value) && value.N is { } number
            ? long.Parse(number, NumberStyles.Integer, CultureInfo.InvariantCulture)
            : null;

    public static DateTimeOffset? GetMillis(this Dictionary<string, AttributeValue>? item, string name) =>
        item.GetNumber(name) is { } millis ? DateTimeOffset.FromUnixTimeMilliseconds(millis) : null;

    public static bool IsEmpty(this Dictionary<string, AttributeValue>? item) => item is null || item.Count == 0;
}
