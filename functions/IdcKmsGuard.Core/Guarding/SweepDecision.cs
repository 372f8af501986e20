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
    /// <param name="told">The change behind each open finding, as the event knew it.</param>
    public static IncidentMemory Merge(
        IncidentScope scope,
        IncidentMemory? previous,
        IReadOnlyList<Finding> findings,
        RuleSet checkedRules,
        DateTimeOffset now,
        RuleCauses? told = null)
    {
        var kept = (previous?.Open ?? RuleSet.Empty).Except(checkedRules).Except(findings.Select(f => f.RuleId));
        var open = Open(findings).Union(kept);
        var causes = (previous?.Told ?? RuleCauses.None).With(told ?? RuleCauses.None).For(open);
        return previous is not null && previous.Open.Equals(open) && previous.Told.Equals(causes)
            ? previous
            : IncidentMemory.After(scope, previous, open, now, causes);
    }

    // Low findings are advice, never an alert of their own: they do not make a state.
    private static RuleSet Open(IReadOnlyList<Finding> findings) =>
        RuleSet.Of(findings.Where(f => !f.Resolved && f.Severity >= Severity.Medium).Select(f => f.RuleId)).Except(NeverOpen);

    /// <summary>A judgement of the scope in full (the sweep's): what it cannot judge stays as remembered.</summary>
    /// <param name="told">The change behind each open finding, as the sweep knew it: a violation from another change
    /// than the one people were told of is news.</param>
    /// <param name="notJudged">Rules the sweep did not judge (switched off): their incidents stay as they are.</param>
    public static (SweepChange Change, IncidentMemory Next) Decide(
        IncidentScope scope,
        IncidentMemory? previous,
        IReadOnlyList<Finding> findings,
        int repeatAfter,
        DateTimeOffset now,
        RuleCauses? told = null,
        RuleSet? notJudged = null)
    {
        var unjudged = JudgedByEventsOnly.Union(notJudged ?? RuleSet.Empty);
        var kept = (previous?.Open ?? RuleSet.Empty).Intersect(unjudged);
        var judgedOpen = (previous?.Open ?? RuleSet.Empty).Except(unjudged);
        var judged = previous is null ? null : previous with { Open = judgedOpen, Told = previous.Told.For(judgedOpen) };
        var (change, next) = DecideJudged(scope, judged, findings.Where(f => !unjudged.Contains(f.RuleId)).ToList(), told ?? RuleCauses.None, repeatAfter, now);
        // What it cannot judge keeps the incident open: it goes on from when it opened.
        return (change, kept.IsEmpty
            ? next
            : next with { Open = next.Open.Union(kept), Told = next.Told.With(previous!.Told.For(kept)), Opened = previous.OpenedAt });
    }

    private static (SweepChange Change, IncidentMemory Next) DecideJudged(
        IncidentScope scope,
        IncidentMemory? previous,
        IReadOnlyList<Finding> findings,
        RuleCauses told,
        int repeatAfter,
        DateTimeOffset now)
    {
        var open = Open(findings);
        var causes = told.For(open);
        var fixedNow = findings.Any(f => f.Resolved);
        if (previous is null || !previous.Open.Equals(open) || AnotherCause(previous, causes))
        {
            var wasHealthy = previous is null || previous.IsHealthy;
            var change = fixedNow ? SweepChange.Fixed
                : open.IsEmpty ? (wasHealthy ? SweepChange.None : SweepChange.Cleared)
                : wasHealthy ? SweepChange.New
                : SweepChange.Changed;
            return (change, IncidentMemory.After(scope, previous, open, now, causes));
        }

        var same = previous with { Sweeps = previous.Sweeps + 1, Told = previous.Told.With(causes) };
        if (fixedNow)
        {
            return (SweepChange.Fixed, same);
        }

        var repeat = !open.IsEmpty && (same.Sweeps - 1) % Math.Max(1, repeatAfter) == 0;
        return (repeat ? SweepChange.StillFailing : SweepChange.None, same);
    }

    /// <summary>
    /// Whether an alert with <paramref name="findings"/> tells people nothing new: every violation it reports is open in
    /// <paramref name="stored"/> from the same change (<paramref name="told"/>), and it neither fixes nor resolves
    /// anything. Only such an alert may be held back as a repeat.
    /// </summary>
    public static bool IsRepeat(IncidentMemory? stored, IReadOnlyList<Finding> findings, RuleCauses told) =>
        stored is not null
        && findings.All(f => !f.Resolved)
        && findings.Where(f => f.Severity >= Severity.Medium)
            .All(f => !NeverOpen.Contains(f.RuleId) && stored.Open.Contains(f.RuleId) && stored.Told.Of(f.RuleId) == told.Of(f.RuleId));

    // A rule open before and now, behind which people were told of one change and the sweep now finds another.
    private static bool AnotherCause(IncidentMemory previous, RuleCauses now) =>
        previous.Open.Any(rule => now.Of(rule) is { } cause && previous.Told.Of(rule) is { } told && cause != told);
}
