using System.Collections.Immutable;

namespace IdcKmsGuard.Core.Events;

/// <summary>
/// Refused calls of Identity Center to one key, counted by action, error code, Region and encryption context. Each
/// breakdown keeps its <see cref="MaxValues"/> most frequent values; the rest are counted under <see cref="Other"/>, so
/// a burst of any size stays a small record.
/// </summary>
public sealed record KeyUseCounts(
    IReadOnlyDictionary<string, long> Actions,
    IReadOnlyDictionary<string, long> ErrorCodes,
    IReadOnlyDictionary<string, long> Regions,
    IReadOnlyDictionary<string, long> Contexts)
{
    public const int MaxValues = 8;

    public const string Other = "(other)";

    public static KeyUseCounts Empty { get; } = new(None, None, None, None);

    private static ImmutableSortedDictionary<string, long> None => ImmutableSortedDictionary.Create<string, long>(StringComparer.Ordinal);

    public static KeyUseCounts Of(IEnumerable<GuardEvent> refusals)
    {
        ArgumentNullException.ThrowIfNull(refusals);
        var list = refusals.ToList();
        return new(
            Count(list.Select(e => e.EventName)),
            Count(list.Select(e => e.ErrorCode ?? "(none)")),
            Count(list.Select(e => e.Region ?? "(unknown)")),
            Count(list.Select(e => e.EncryptionContext is { Count: > 0 } ? e.EncryptionContextText : "(none)")));
    }

    public KeyUseCounts Add(KeyUseCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Sum(Actions, other.Actions), Sum(ErrorCodes, other.ErrorCodes), Sum(Regions, other.Regions), Sum(Contexts, other.Contexts));
    }

    /// <summary>"Decrypt 812, DescribeKey 3" for one breakdown, most frequent first.</summary>
    public static string Describe(IReadOnlyDictionary<string, long> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return string.Join(", ", counts.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => $"{pair.Key} {pair.Value}"));
    }

    private static ImmutableSortedDictionary<string, long> Count(IEnumerable<string> values) =>
        Bounded(values.GroupBy(v => v, StringComparer.Ordinal).Select(g => new KeyValuePair<string, long>(g.Key, g.LongCount())));

    private static ImmutableSortedDictionary<string, long> Sum(IReadOnlyDictionary<string, long> left, IReadOnlyDictionary<string, long> right) =>
        Bounded(left.Concat(right).GroupBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(g => new KeyValuePair<string, long>(g.Key, g.Sum(pair => pair.Value))));

    private static ImmutableSortedDictionary<string, long> Bounded(IEnumerable<KeyValuePair<string, long>> counts)
    {
        var all = counts.ToList();
        var ranked = all.Where(pair => pair.Key != Other).OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal).ToList();
        var other = all.Where(pair => pair.Key == Other).Sum(pair => pair.Value) + ranked.Skip(MaxValues).Sum(pair => pair.Value);
        var kept = ranked.Take(MaxValues).ToImmutableSortedDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
        return other > 0 ? kept.Add(Other, other) : kept;
    }
}
