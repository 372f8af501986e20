namespace IdcKmsGuard.Core.Configuration;

/// <summary>"Did you mean": the known name a mistyped one is closest to, when it is close enough to be the intent.</summary>
public static class NearestName
{
    /// <returns>The candidate within a few edits of <paramref name="typed"/> (ignoring case), or null.</returns>
    public static string? Of(string typed, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(typed);
        ArgumentNullException.ThrowIfNull(candidates);
        var allowed = Math.Max(2, typed.Length / 3);
        return candidates
            .Select(candidate => (candidate, distance: Distance(typed.ToUpperInvariant(), candidate.ToUpperInvariant())))
            .Where(c => c.distance <= allowed)
            .OrderBy(c => c.distance)
            .Select(c => c.candidate)
            .FirstOrDefault();
    }

    /// <summary>" (did you mean X?)" or nothing.</summary>
    public static string Hint(string typed, IEnumerable<string> candidates) =>
        Of(typed, candidates) is { } near ? $" (did you mean {near}?)" : string.Empty;

    // Levenshtein distance, two rows.
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
