using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Delivery;
using IdcKmsGuard.Core.Errors;
using IdcKmsGuard.Core.Events;
using IdcKmsGuard.Core.Rules;
using IdcKmsGuard.Core.State;
using Microsoft.Extensions.Logging;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>
/// Turns an event's review into what people hear and what stays open: the alert (or the notice that closes an open
/// incident, or nothing), then the incident memory of the key it judged. The memory is written only after the alert
/// went out, so a failed publish leaves it to the retry.
/// </summary>
internal sealed class EventReporter(AlertOutbox outbox, AlertComposer composer, IncidentBook incidents, ILogger logger)
{
    public async Task<GuardResult> ReportAsync(
        GuardEvent guardEvent,
        KeyReviewResult review,
        GuardConfiguration configuration,
        CancellationToken cancellationToken)
    {
        if (review.Draft is null)
        {
            if (review.Disposition == Disposition.Ignored)
            {
                return Ignore(guardEvent, review.Reason);
            }

            var rules = EvaluatedRules.For(review.Considered, configuration, null);

            if (review.Scope is { } healed
                && await CloseIncidentAsync(guardEvent, healed, EvaluatedRules.Verified(review.Considered, configuration), configuration, cancellationToken)
                    .ConfigureAwait(false) is { } closed)
            {
                return closed with { Rules = rules };
            }

            logger.LogInformation("No alert for {EventName} {EventId}: {Reason}", guardEvent.EventName, guardEvent.EventId, review.Reason);
            return new GuardResult(guardEvent, review.Disposition, review.Reason, null, null) { Rules = rules };
        }

        // What this review verified and found gone is resolved in the same alert: an incident never ends unannounced.
        var stored = review.Scope is { } judged ? await incidents.ReadAsync(judged, cancellationToken).ConfigureAwait(false) : null;
        var verified = EvaluatedRules.Verified(review.Considered, configuration);
        var alert = composer.Compose(IncidentNotices.WithResolved(review.Draft, (stored?.Memory?.Open ?? RuleSet.Empty).Intersect(verified)));
        var judgedAt = incidents.Now;
        if (review.Scope is { } named)
        {
            alert = alert with { Incident = IncidentBook.IncidentOf(named, stored!, Remembered(guardEvent, alert.Findings), verified, review.Told, judgedAt) };
        }

        var subject = review.Scope?.Arn ?? alert.InstanceArn ?? alert.KeyArn ?? "-";
        // Without a scope (an alert about several keys) only the window tells a repeat.
        var news = stored is not null && (!SweepDecision.IsRepeat(stored.Memory, alert.Findings, review.Told) || !review.NewsOfItsOwn.IsEmpty);
        var published = await PublishAsync(guardEvent, alert, subject, configuration, review.Told, news, cancellationToken).ConfigureAwait(false);
        if (review.Scope is { } scope)
        {
            // What stays open is an incident: the event that finds it healthy again closes it with a notice. What this
            // event did not check stays as the sweep left it.
            await incidents.RecordAsync(scope, Remembered(guardEvent, alert.Findings), verified, review.Told, stored!, judgedAt, cancellationToken)
                .ConfigureAwait(false);
        }

        var reason = published.Disposition == Disposition.Suppressed
            ? $"the same alert went out at {published.Alert.PreviousAlertAt:u}; this repeat is counted"
            : review.Reason;
        return new GuardResult(guardEvent, published.Disposition, reason, published.Alert, published.MessageId)
        {
            Rules = EvaluatedRules.For(review.Considered, configuration, published.Alert),
        };
    }

    /// <summary>
    /// The last delivery, or one that could not journal what it changed, says what it found and changed before it
    /// gives up. Null when this attempt leaves the report to a retry, or could not report either.
    /// </summary>
    public async Task<GuardResult?> ReportUnfinishedAsync(
        GuardEvent guardEvent, ChangeJournal journal, ConfigurationSnapshot snapshot, Exception failure, InvocationBudget budget)
    {
        if (!journal.IsLastAttempt && !journal.LostTrack)
        {
            return null;
        }

        try
        {
            var review = Unfinished.Review(guardEvent, journal, failure);
            var alert = composer.Compose(review.Draft!);
            var published = await PublishAsync(guardEvent, alert, review.Scope?.Arn ?? "-", snapshot.Configuration, RuleCauses.None, news: true, budget.Finish)
                .ConfigureAwait(false);
            return new GuardResult(guardEvent, published.Disposition, review.Reason, published.Alert, published.MessageId);
        }
        catch (Exception e) when (e is GuardException or OperationCanceledException or HttpRequestException or IOException)
        {
            logger.LogError(e, "Could not report what event {EventId} left unfinished; its journal stays for the next invocation", guardEvent.EventId);
            return null;
        }
    }

    public GuardResult Ignore(GuardEvent guardEvent, string reason)
    {
        logger.LogDebug("Ignored {EventName} {EventId}: {Reason}", guardEvent.EventName, guardEvent.EventId, reason);
        return new GuardResult(guardEvent, Disposition.Ignored, reason, null, null);
    }

    private async Task<GuardResult?> CloseIncidentAsync(
        GuardEvent guardEvent,
        IncidentScope scope,
        RuleSet verified,
        GuardConfiguration configuration,
        CancellationToken cancellationToken)
    {
        // Only what this event's review checked is known to be fixed; the rest stays open for the sweep to judge.
        if (await incidents.ClosingAsync(scope, verified, cancellationToken).ConfigureAwait(false) is not { } closing)
        {
            return null;
        }

        var notice = composer.Compose(IncidentNotices.ClosedByEvent(guardEvent, closing)) with
        {
            Incident = IncidentLife.Between(scope, closing.Open, closing.Open with { Open = closing.Remaining }),
        };
        var published = await PublishAsync(guardEvent, notice, scope.Arn, configuration, RuleCauses.None, news: true, cancellationToken).ConfigureAwait(false);
        await incidents.CommitAsync(closing, cancellationToken).ConfigureAwait(false);
        var reason = $"{guardEvent.EventName} resolved the open incident ({closing.Open.Open})";
        return new GuardResult(guardEvent, published.Disposition, reason, published.Alert, published.MessageId);
    }

    // Refusals may go on after the guard repaired their cause (another cause, a cache): a burst's incident stays open
    // until its quiet check sees them stop, and that check alone says "resolved".
    private static IReadOnlyList<Finding> Remembered(GuardEvent guardEvent, IReadOnlyList<Finding> findings) =>
        guardEvent.Burst is { Phase: not KeyUsePhase.Quiet }
            ? [.. findings.Select(f => f.RuleId == RuleCatalog.KeyUseFailing.Id ? f with { Resolved = false } : f)]
            : findings;

    // Every attempt at the same event and subject carries the same alert id: a retry after a lost answer is one alert.
    // News (a violation people were not told of, from a change they were not told of, a fix, an end, a last report)
    // always goes out; a repeat goes out once per window (AlertIds.RepeatKey). A burst paces its own alerts (one to open
    // it, an update every few minutes): each is its own, never a repeat.
    private Task<PublishedAlert> PublishAsync(
        GuardEvent guardEvent,
        Alert alert,
        string subject,
        GuardConfiguration configuration,
        RuleCauses told,
        bool news,
        CancellationToken cancellationToken) =>
        outbox.PublishAsync(
            alert,
            AlertIds.For(guardEvent.EventId ?? alert.Headline, subject),
            configuration.ChatbotNotifications,
            configuration.RepeatAlertWindow,
            cancellationToken,
            guardEvent.Burst is { Phase: not KeyUsePhase.Quiet } burst
                ? $"{subject}|{alert.RuleId}|burst {burst.OpenedAt:O}|{burst.AlertNumber}"
                : AlertIds.RepeatKey(subject, alert, told),
            neverSuppress: news);
}
