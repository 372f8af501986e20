using System.Collections;

namespace IdcKmsGuard.Core.Rules;

/// <summary>
/// Rule ids as a set, in ordinal order: what an incident has open, what a review checked. Two sets with the same ids
/// are equal; the stored form is the ids joined by commas.
/// </summary>
public sealed class RuleSet : IReadOnlyCollection<string>, IEquatable<RuleSet>
{
    private readonly string[] ids;

    private RuleSet(string[] ids) => this.ids = ids;

    public static RuleSet Empty { get; } = new([]);

    public int Count => ids.Length;

    public bool IsEmpty => ids.Length == 0;

    public static RuleSet Of(IEnumerable<string> ruleIds) =>
        new([.. ruleIds.Where(id => id.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);

    public static RuleSet Of(params GuardRule[] rules) => Of(rules.Select(r => r.Id));

    /// <summary>Reads the stored form; an empty or missing text is the empty set.</summary>
    public static RuleSet Parse(string? stored) =>
        string.IsNullOrEmpty(stored) ? Empty : Of(stored.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    public bool Contains(string ruleId) => Array.BinarySearch(ids, ruleId, StringComparer.Ordinal) >= 0;

    public RuleSet Union(IEnumerable<string> ruleIds) => Of(ids.Concat(ruleIds));

    public RuleSet Except(IEnumerable<string> ruleIds)
    {
        var removed = ruleIds.ToHashSet(StringComparer.Ordinal);
        return Of(ids.Where(id => !removed.Contains(id)));
    }

    /// <summary>The ids also in <paramref name="other"/>.</summary>
    public RuleSet Intersect(RuleSet other) => Of(ids.Where(other.Contains));

    public bool Equals(RuleSet? other) => other is not null && ids.AsSpan().SequenceEqual(other.ids);

    public override bool Equals(object? obj) => Equals(obj as RuleSet);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var id in ids)
        {
            hash.Add(id, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    /// <summary>The stored form: the ids joined by commas, in order.</summary>
    public override string ToString() => string.Join(",", ids);

    public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)ids).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
