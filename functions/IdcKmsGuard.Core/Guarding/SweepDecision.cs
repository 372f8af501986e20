using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Rules;
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
    // A refused attempt is a moment, not a state: it is alerted on, never kept open for a sweep to "clear".
    private static readonly RuleSet NeverOpen = RuleSet.Of(RuleCatalog.AttemptDenied);

    // Only events say that AWS refuses Identity Center, and only the burst's quiet check that it stopped: a sweep
    // cannot judge it and keeps it as remembered.
    private static readonly RuleSet JudgedByEventsOnly = RuleSet.Of(RuleCatalog.KeyUseFailing);

    /// <summary>An event's alert on a scope: the rules it judged take their new state, the rest stay as remembered (the
    /// sweep's count and start time too, when nothing changed).</summary>
    public static IncidentMemory Merge(
        IncidentScope scope,
        IncidentMemory? previous,
        IReadOnlyList<Finding> findings,
        RuleSet checkedRules,
        DateTimeOffset now)
    {
        var kept = (previous?.Open ?? RuleSet.Empty).Except(checkedRules).Except(findings.Select(f => f.RuleId));
        var open = Open(findings).Union(kept);
        return previous is not null && previous.Open.Equals(open) ? previous : new IncidentMemory(scope, open, 1, now);
    }

    // Low findings are advice, never an alert of their own: they do not make a state.
    private static RuleSet Open(IReadOnlyList<Finding> findings) =>
        RuleSet.Of(findings.Where(f => !f.Resolved && f.Severity >= Severity.Medium).Select(f => f.RuleId)).Except(NeverOpen);

    /// <summary>A judgement of the scope in full (the sweep's): what it cannot judge stays as remembered.</summary>
    public static (SweepChange Change, IncidentMemory Next) Decide(
        IncidentScope scope,
        IncidentMemory? previous,
        IReadOnlyList<Finding> findings,
        int repeatAfter,
        DateTimeOffset now)
    {
        var kept = (previous?.Open ?? RuleSet.Empty).Intersect(JudgedByEventsOnly);
        var judged = previous is null ? null : previous with { Open = previous.Open.Except(JudgedByEventsOnly) };
        var (change, next) = DecideJudged(scope, judged, findings, repeatAfter, now);
        return (change, kept.IsEmpty ? next : next with { Open = next.Open.Union(kept) });
    }

    private static (SweepChange Change, IncidentMemory Next) DecideJudged(
        IncidentScope scope,
        IncidentMemory? previous,
        IReadOnlyList<Finding> findings,
        int repeatAfter,
        DateTimeOffset now)
    {
        var open = Open(findings);
        var fixedNow = findings.Any(f => f.Resolved);
        if (previous is null || !previous.Open.Equals(open))
        {
            var wasHealthy = previous is null || previous.IsHealthy;
            var change = fixedNow ? SweepChange.Fixed
                : open.IsEmpty ? (wasHealthy ? SweepChange.None : SweepChange.Cleared)
                : wasHealthy ? SweepChange.New
                : SweepChange.Changed;
            return (change, new IncidentMemory(scope, open, 1, now));
        }

        var same = previous with { Sweeps = previous.Sweeps + 1 };
        if (fixedNow)
        {
            return (SweepChange.Fixed, same);
        }

        var repeat = !open.IsEmpty && (same.Sweeps - 1) % Math.Max(1, repeatAfter) == 0;
        return (repeat ? SweepChange.StillFailing : SweepChange.None, same);
    }
}
