using IdcKmsGuard.Core.Alerts;
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
            var alert = composer.Compose(draft);
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

        var alertPathProblem = await alertPath.ProblemAsync(cancellationToken).ConfigureAwait(false);
        if (alertPathProblem is not null)
        {
            await ReportBrokenAlertPathAsync(sweep, alertPathProblem, configuration, cancellationToken).ConfigureAwait(false);
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
            AlertPathBroken = alertPathProblem is not null,
            Rules = [.. sent.SelectMany(a => EvaluatedRules.For(RuleSet.Empty, configuration, a)).DistinctBy(r => r.RuleId)],
        };
    }

    // The log line is what an alarm catches when nothing can be published; the alert is tried anyway (a key that is
    // only being replaced may still work) and its failure must not fail the sweep, which would only repeat it.
    private async Task ReportBrokenAlertPathAsync(
        GuardEvent sweep, string problem, Configuration.GuardConfiguration configuration, CancellationToken cancellationToken)
    {
        logger.LogCritical("AlertPathBroken: {Problem}. The guard keeps guarding; its alerts are only in this log until the key is usable.", problem);
        var rule = Rules.RuleCatalog.GuardAlertPath;
        if (configuration.ModeOf(rule) == Rules.RuleMode.Off)
        {
            return;
        }

        var finding = KeyStateRules.Violation(rule, $"{char.ToUpperInvariant(problem[0])}{problem[1..]}.");
        var draft = AlertDraft.AboutTheGuard(
            sweep,
            Headlines.For(finding, AlertOutcome.Alerted),
            $"The guard's scheduled sweep checked its own alarm path: {problem}.",
            finding);
        try
        {
            var key = $"alert-path|{problem}";
            var alertId = AlertIds.For(sweep.EventId ?? "sweep", key);
            await outbox.PublishAsync(
                composer.Compose(draft),
                alertId,
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
