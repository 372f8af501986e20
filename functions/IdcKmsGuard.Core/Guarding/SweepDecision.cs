using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.State;

namespace IdcKmsGuard.Core.Guarding;

internal enum SweepChange
{
    /// <summary>Nothing new: no alert.</summary>
    None,

    /// <summary>A violation where the last sweep found none (or the first sweep finds one).</summary>
    New,

    /// <summary>A different set of violations than the last sweep found.</summary>
    Changed,

    /// <summary>The guard fixed something in this sweep.</summary>
    Fixed,

    /// <summary>What the last sweep found is gone, and not by the guard's hand.</summary>
    Cleared,

    /// <summary>The same violations, unchanged for another <see cref="Configuration.GuardConfiguration.SweepRepeatAfter"/> sweeps.</summary>
    StillFailing,
}

/// <summary>The sweep alerts on a change of state, not every hour: this decides, per scope, from the incident memory.</summary>
internal static class SweepDecision
{
    /// <summary>An event's alert on a scope: the rules it judged take their new state, the rest stay as remembered (the
    /// sweep's count and start time too, when nothing changed).</summary>
    public static IncidentMemory Merge(
        string scope,
        IncidentMemory? previous,
        IReadOnlyList<Finding> findings,
        IReadOnlySet<string> checkedRules,
        DateTimeOffset now)
    {
        var judged = checkedRules.Union(findings.Select(f => f.RuleId)).ToHashSet(StringComparer.Ordinal);
        var kept = (previous?.Fingerprint ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries).Where(rule => !judged.Contains(rule));
        var fingerprint = string.Join(",", Open(findings).Concat(kept).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        return previous is not null && previous.Fingerprint == fingerprint ? previous : new IncidentMemory(scope, fingerprint, 1, now);
    }

    private static IEnumerable<string> Open(IReadOnlyList<Finding> findings) =>
        findings.Where(f => !f.Resolved && f.Severity >= Severity.Medium).Select(f => f.RuleId);

    public static (SweepChange Change, IncidentMemory Next) Decide(
        string scope,
        IncidentMemory? previous,
        IReadOnlyList<Finding> findings,
        int repeatAfter,
        DateTimeOffset now)
    {
        // Low findings are advice, never an alert of their own: they do not make a state.
        var fingerprint = string.Join(",", Open(findings).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        var fixedNow = findings.Any(f => f.Resolved);
        if (previous is null || previous.Fingerprint != fingerprint)
        {
            var wasHealthy = previous is null || previous.Fingerprint.Length == 0;
            var change = fixedNow ? SweepChange.Fixed
                : fingerprint.Length == 0 ? (wasHealthy ? SweepChange.None : SweepChange.Cleared)
                : wasHealthy ? SweepChange.New
                : SweepChange.Changed;
            return (change, new IncidentMemory(scope, fingerprint, 1, now));
        }

        var same = previous with { Sweeps = previous.Sweeps + 1 };
        if (fixedNow)
        {
            return (SweepChange.Fixed, same);
        }

        var repeat = fingerprint.Length > 0 && (same.Sweeps - 1) % Math.Max(1, repeatAfter) == 0;
        return (repeat ? SweepChange.StillFailing : SweepChange.None, same);
    }
}
