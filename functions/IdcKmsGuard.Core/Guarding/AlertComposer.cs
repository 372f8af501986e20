using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Events;
using IdcKmsGuard.Core.Rules;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>Assembles the parts every alert shares: the event, the actor, the outcome and what to do next.</summary>
internal sealed class AlertComposer(TimeProvider time)
{
    public Alert Compose(AlertDraft draft)
    {
        var primary = draft.Findings.OrderByDescending(f => f.Severity).ThenBy(f => f.Resolved).FirstOrDefault();
        return new Alert
        {
            Severity = primary?.Severity ?? draft.NotificationSeverity,
            RuleId = primary?.RuleId ?? draft.NotificationRule,
            Outcome = draft.Outcome,
            Headline = draft.Headline,
            WhatHappened = draft.WhatHappened,
            Event = ToAlertEvent(draft.Event),
            KeyArn = draft.Subject.Key?.ToString(),
            KeyRegion = draft.Subject.Region,
            KeyStateBefore = draft.Subject.StateBefore,
            KeyStateAfter = draft.Subject.StateAfter,
            InstanceArn = draft.Subject.InstanceArn,
            Findings = draft.Findings,
            Steps = draft.Steps,
            Verification = draft.Verification,
            NextSteps = NextSteps(draft),
            DetectedAt = time.GetUtcNow(),
            PolicyDiff = draft.PolicyDiff,
            PolicyChange = draft.PolicyChange,
        };
    }

    public static string Narrate(GuardEvent guardEvent, string subject)
    {
        var when = guardEvent.EventTime is { } t ? $" at {t:yyyy-MM-dd HH:mm:ss} UTC" : string.Empty;
        if (guardEvent.Trigger == Trigger.Sweep)
        {
            return $"The guard's scheduled sweep re-read {subject}{when}, whatever events were or were not delivered.";
        }

        if (guardEvent.Burst is { Phase: KeyUsePhase.Quiet } quiet)
        {
            return $"KMS has refused none of Identity Center's calls to {subject} since {quiet.LastFailureAt:yyyy-MM-dd HH:mm:ss} UTC. "
                + $"During the burst, {quiet.Describe()}";
        }

        if (guardEvent.Trigger == Trigger.KeyUseFailed)
        {
            var who = guardEvent.Actor.Arn is { } caller
                ? $"{caller} (through {guardEvent.Actor.InvokedBy})"
                : $"Identity Center ({guardEvent.Actor.InvokedBy})";
            var why = guardEvent.ErrorMessage is { Length: > 0 } message ? $": {message.TrimEnd('.')}" : string.Empty;
            return $"KMS refused {who} a {guardEvent.EventName} call on {subject}{when}, and the call failed with {guardEvent.ErrorCode}{why}. "
                + "While KMS refuses these calls, Identity Center cannot read its identity data.";
        }

        if (guardEvent.Actor.Kind == ActorType.AwsService && guardEvent.Actor.Arn is null)
        {
            return $"AWS reported {guardEvent.EventName} for {subject}{when}.";
        }

        var outcome = guardEvent.Succeeded ? string.Empty : $", and the call failed with {guardEvent.ErrorCode}";
        return $"{guardEvent.Actor.Describe()} called {guardEvent.EventName} on {subject}{when}{outcome}.";
    }

    private static List<string> NextSteps(AlertDraft draft)
    {
        var steps = new List<string>();
        if (draft.Outcome == AlertOutcome.Fixed)
        {
            steps.Add("No action is needed to restore access: the guard verified the fix.");
        }

        steps.AddRange(draft.Findings
            .Where(f => !f.Resolved)
            .Select(f => f.RuleId)
            .Distinct(StringComparer.Ordinal)
            .Select(id => RuleCatalog.Get(id).RunbookFor(draft.Subject.Key?.ToString(), draft.Subject.Region)));

        steps.AddRange(draft.ExtraNextSteps);
        // A notice that something is resolved asks nobody to explain themselves.
        if (draft.Event.Actor.Arn is { } arn && draft.Findings.Any(f => f.RuleId != RuleCatalog.GuardConfig.Id && f.Severity > Severity.Info))
        {
            var undone = draft.Steps.Count > 0 ? " (the guard undoes such changes while remediation is on)" : string.Empty;
            steps.Add($"Find out why {arn} called {draft.Event.EventName} (CloudTrail event {draft.Event.EventId ?? "id unknown"}). "
                + $"If it was intended, agree it with the Identity Center owners before doing it again{undone}.");
        }

        return steps;
    }

    private static AlertEvent ToAlertEvent(GuardEvent e) => new(
        e.EventName,
        e.EventSource,
        e.Trigger.ToString(),
        e.EventId,
        e.EventTime,
        e.Region,
        e.Account,
        e.Succeeded,
        e.ErrorCode,
        e.ErrorMessage,
        new AlertActor(e.Actor.Type, e.Actor.Arn, e.Actor.AccountId, e.Actor.InvokedBy, e.SourceIpAddress, e.UserAgent));
}
