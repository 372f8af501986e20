using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Events;
using IdcKmsGuard.Core.Rules;
using IdcKmsGuard.Core.State;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>The alert text of an incident's life: resolved, changed since the last sweep, still failing.</summary>
internal static class IncidentNotices
{
    public static AlertDraft Closed(GuardEvent guardEvent, IncidentScope scope, RuleSet rules, string whatHappened)
    {
        var about = AlertSubject.ForScope(scope);
        return new AlertDraft(guardEvent, about)
        {
            Headline = $"Resolved: {string.Join(", ", rules)} on {(about.Key is null ? "Identity Center" : "the Identity Center key")}",
            WhatHappened = whatHappened,
            Outcome = AlertOutcome.None,
            Findings = [.. rules.Select(Gone)],
            ExtraNextSteps = ["Nothing to do: the guard re-read it and it passes these checks again."],
        };
    }

    /// <summary>
    /// <paramref name="draft"/>, telling also that the violations of <paramref name="wereOpen"/> it has no finding of
    /// are gone: an incident people were told of ends in the alert of the look that found it gone.
    /// </summary>
    public static AlertDraft WithResolved(AlertDraft draft, RuleSet wereOpen)
    {
        var gone = wereOpen.Where(id => !draft.Findings.Any(f => f.RuleId == id)).ToList();
        return gone.Count == 0 ? draft : draft with { Findings = [.. draft.Findings, .. gone.Select(Gone)] };
    }

    private static Finding Gone(string ruleId) => new(
        ruleId,
        Severity.Info,
        RuleCatalog.TryGet(ruleId, out var rule) ? $"No longer found: {rule.Title.ToLowerInvariant()} again." : $"No longer found: {ruleId}.",
        Resolved: true);

    public static AlertDraft ClosedByEvent(GuardEvent guardEvent, IncidentClosing closing) =>
        Closed(
            guardEvent,
            closing.Scope,
            closing.Closed,
            $"{AlertComposer.Narrate(guardEvent, closing.Scope.Arn)} The guard re-read the key: "
            + $"what it reported since {closing.Open.Since:yyyy-MM-dd HH:mm} UTC ({string.Join(", ", closing.Closed)}) is resolved."
            + (closing.Remaining.Count == 0
                ? string.Empty
                : $" Still open, checked again by the next sweep: {string.Join(", ", closing.Remaining)}."));

    /// <summary>The sweep's alert for a scope whose state changed (null: no change worth an alert).</summary>
    public static AlertDraft? ForSweep(GuardEvent sweep, SweepScope scope, IncidentVerdict verdict, int repeatAfter)
    {
        var previous = verdict.Stored;
        var next = verdict.Next;
        switch (verdict.Change)
        {
            case SweepChange.None:
                return null;
            case SweepChange.Cleared:
                return Closed(
                    sweep,
                    scope.Scope,
                    Gone(previous, next),
                    $"{AlertComposer.Narrate(sweep, scope.Scope.Arn)} What it reported since {previous!.Since:yyyy-MM-dd HH:mm} UTC is gone; "
                    + "the guard did not change it, so someone else fixed it.");
            case SweepChange.Changed when scope.Draft is { } changed && Gone(previous, next) is { Count: > 0 } gone:
                return WithResolved(
                    changed with { WhatHappened = $"{changed.WhatHappened} No longer found since the last sweep: {string.Join(", ", gone)}." },
                    gone);
            case SweepChange.StillFailing when scope.Draft is { } draft:
                return draft with
                {
                    WhatHappened = $"{draft.WhatHappened} Unchanged since {next.Since:yyyy-MM-dd HH:mm} UTC ({next.Sweeps} sweeps); "
                        + $"the sweep repeats this every {repeatAfter} sweeps until it is fixed.",
                };
            default:
                return scope.Draft is { } news ? WithResolved(news, Gone(previous, next)) : null;
        }
    }

    private static RuleSet Gone(IncidentMemory? previous, IncidentMemory next) => (previous?.Open ?? RuleSet.Empty).Except(next.Open);
}
