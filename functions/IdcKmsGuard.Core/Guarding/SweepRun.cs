using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Events;
using IdcKmsGuard.Core.Rules;
using Microsoft.Extensions.Logging;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>
/// The hourly sweep: every scope judged, remediated like an event would, and alerted on a change of state only.
/// Each scope's alert goes out as soon as it is judged, before its memory is written: if a later scope fails the
/// sweep, what was already repaired has been reported, and the retry announces nothing twice.
/// </summary>
internal sealed class SweepRun(SweepReview review, IncidentBook incidents, AlertOutbox outbox, AlertComposer composer, AlertPathCheck alertPath, ILogger logger)
{
    public async Task<GuardResult> RunAsync(GuardEvent sweep, RemediationGate gate, CancellationToken cancellationToken)
    {
        var configuration = gate.Configuration;
        var switchedOff = RuleSet.Of(RuleCatalog.All.Where(r => configuration.ModeOf(r) == RuleMode.Off).Select(r => r.Id));
        var sent = new List<Alert>();
        string? firstMessageId = null;
        var unchanged = 0;
        var failed = 0;
        var judged = await review.ReviewAsync(sweep, gate, async scope =>
        {
            // Not finished: the review failed, or a part of the key could not be read (GUARD-ACCESS: not checked).
            failed += scope.Failed || scope.Findings.Any(f => f.RuleId == RuleCatalog.GuardAccess.Id && !f.Resolved) ? 1 : 0;
            if (scope.Deferred)
            {
                return;
            }

            var verdict = await incidents.JudgeAsync(scope.Scope, scope.Findings, scope.Told, switchedOff, configuration.SweepRepeatAfter, cancellationToken)
                .ConfigureAwait(false);
            if (IncidentNotices.ForSweep(sweep, scope, verdict, configuration.SweepRepeatAfter) is not { } draft)
            {
                unchanged += scope.Findings.Any(f => !f.Resolved && f.Severity >= Severity.Medium) ? 1 : 0;
                await incidents.CommitAsync(verdict, cancellationToken).ConfigureAwait(false);
                return;
            }

            var alertId = AlertIds.For(sweep.EventId ?? $"sweep {sweep.EventTime:O}", scope.Scope.Arn);
            var alert = composer.Compose(draft) with { Incident = IncidentLife.Between(scope.Scope, verdict.Stored, verdict.Next) };
            var published = await outbox.PublishAsync(
                alert,
                alertId,
                configuration.ChatbotNotifications,
                configuration.RepeatAlertWindow,
                cancellationToken,
                AlertIds.RepeatKey(scope.Scope.Arn, alert, scope.Told),
                neverSuppress: verdict.Change != SweepChange.StillFailing).ConfigureAwait(false);
            await gate.Changes.MarkReportedAsync(scope.Scope.Arn, cancellationToken).ConfigureAwait(false);
            await incidents.CommitAsync(verdict, cancellationToken).ConfigureAwait(false);
            if (published.Disposition == Disposition.Alerted)
            {
                sent.Add(published.Alert);
                firstMessageId ??= published.MessageId;
            }
        }, cancellationToken).ConfigureAwait(false);

        var alertPathReport = await alertPath.CheckAsync(WhyNotRepair(gate), cancellationToken).ConfigureAwait(false);
        if (!alertPathReport.Quiet)
        {
            await ReportAlertPathAsync(sweep, alertPathReport, configuration, cancellationToken).ConfigureAwait(false);
        }

        var reason = $"the sweep checked {judged} scope(s) (instances, keys, replicas): {sent.Count} alert(s) on a change of state, "
            + $"{unchanged} known violation(s) unchanged"
            + (failed == 0 ? string.Empty : $", {failed} not finished");
        logger.LogInformation("Sweep done: {Reason}", reason);
        var primary = sent.OrderByDescending(a => a.Severity).FirstOrDefault();
        return new GuardResult(sweep, sent.Count > 0 ? Disposition.Alerted : Disposition.Healthy, reason, primary, firstMessageId)
        {
            Alerts = sent,
            Checks = judged,
            FailedChecks = failed,
            AlertPathBroken = alertPathReport.Broken,
            Rules = [.. sent.SelectMany(a => EvaluatedRules.For(RuleSet.Empty, configuration, a)).DistinctBy(r => r.RuleId)],
        };
    }

    private static string? WhyNotRepair(RemediationGate gate) =>
        gate.Precheck(RuleCatalog.GuardAlertPath) is { } skip ? skip.Reason
        : gate.Configuration.DryRun ? "Dry run: would have enabled the alert topic's key." : null;

    // The log line is what an alarm catches when nothing can be published; the alert is tried anyway (a key that is
    // only being replaced may still work) and its failure must not fail the sweep, which would only repeat it.
    private async Task ReportAlertPathAsync(GuardEvent sweep, AlertPathReport report, GuardConfiguration configuration, CancellationToken cancellationToken)
    {
        var problems = string.Join("; ", report.Problems);
        if (report.Broken)
        {
            logger.LogCritical("AlertPathBroken: {Problem}. The guard keeps guarding; its alerts are only in this log until the path is restored.", problems);
        }

        var rule = RuleCatalog.GuardAlertPath;
        if (configuration.ModeOf(rule) == RuleMode.Off)
        {
            return;
        }

        var fixedAll = !report.Broken;
        var outcome = fixedAll ? AlertOutcome.Fixed : report.Steps.Any(s => s.Status == StepStatus.Failed) ? AlertOutcome.Failed : AlertOutcome.Alerted;
        var finding = fixedAll
            ? KeyStateRules.Violation(rule, "The alert topic's key was unusable; the guard enabled it again.") with { Resolved = true }
            : KeyStateRules.Violation(rule, $"{char.ToUpperInvariant(problems[0])}{problems[1..]}.");
        var told = fixedAll ? string.Join(" ", report.Steps.Select(s => s.Detail)) : problems + ".";
        var headline = Headlines.For(finding, outcome);
        var draft = AlertDraft.AboutTheGuard(sweep, headline, $"The guard's scheduled sweep checked its own alarm path: {told}", finding) with
        {
            Outcome = outcome,
            Steps = report.Steps,
        };
        try
        {
            var key = $"alert-path|{problems}|{string.Join("|", report.Steps.Select(s => s.Action))}";
            await outbox.PublishAsync(
                composer.Compose(draft),
                AlertIds.For(sweep.EventId ?? "sweep", key),
                configuration.ChatbotNotifications,
                configuration.RepeatAlertWindow,
                cancellationToken,
                suppressionKey: key).ConfigureAwait(false);
        }
        catch (Errors.AwsCallException e)
        {
            logger.LogCritical(e, "AlertPathBroken: the alert about it could not be published either ({Operation}: {ErrorCode})", e.Operation, e.ErrorCode);
        }
    }
}
