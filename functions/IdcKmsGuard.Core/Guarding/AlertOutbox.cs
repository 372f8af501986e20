using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Ports;
using IdcKmsGuard.Core.State;
using Microsoft.Extensions.Logging;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>
/// Sends alerts. A repeat of one sent within the window is counted instead of sent, unless the guard changed
/// something: every change reaches a person. An alert counts as sent only once SNS took it, so a failed publish never
/// silences the retry; every attempt at the same alert carries the same id, so a retry after a lost answer is one
/// alert to a subscriber that keeps the ids it has seen. Within an attempt, what was sent is recorded with the event's
/// completion (<see cref="AlertsToRecord"/>).
/// </summary>
internal sealed class AlertOutbox(IAlertPublisher publisher, IAlertLedger alerts, AlertFormat format, ILogger logger)
{
    /// <param name="suppressionKey">What counts as the same alert (null: key or instance, rule and outcome).</param>
    /// <param name="neverSuppress">Send without asking the ledger: a last report must not wait on a read that may be
    /// failing too (a repeat is better than silence).</param>
    public async Task<PublishedAlert> PublishAsync(
        Alert alert,
        string alertId,
        bool chatbot,
        TimeSpan window,
        CancellationToken cancellationToken,
        string? suppressionKey = null,
        bool neverSuppress = false)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var key = suppressionKey ?? $"{alert.KeyArn ?? alert.InstanceArn ?? "-"}|{alert.RuleId}|{AlertRenderer.Name(alert.Outcome)}";
        alert = alert with { AlertId = alertId };
        var incident = alert.Incident ?? AlertIncident.ForMoment(alert);
        if (!neverSuppress && !alert.Steps.Any(s => s.Status == StepStatus.Fixed))
        {
            var decision = await alerts.DecideAsync(key, window, cancellationToken).ConfigureAwait(false);
            if (!decision.Send)
            {
                await alerts.CountRepeatAsync(key, window, cancellationToken).ConfigureAwait(false);
                logger.LogInformation(
                    "Alert {Rule} ({Outcome}) for {Key} suppressed: the same alert went out at {LastSentAt}",
                    alert.RuleId,
                    AlertRenderer.Name(alert.Outcome),
                    alert.KeyArn,
                    decision.LastSentAt);
                return new PublishedAlert(Disposition.Suppressed, alert with { PreviousAlertAt = decision.LastSentAt }, null);
            }

            alert = alert with { SuppressedRepeats = decision.SuppressedSinceLastSent, PreviousAlertAt = decision.LastSentAt };
            incident = incident with { Repeats = incident.Repeats + decision.SuppressedSinceLastSent };
        }

        alert = alert with { Incident = incident };
        var messageId = await publisher.PublishAsync(AlertRenderer.Render(alert, chatbot, format), cancellationToken).ConfigureAwait(false);
        logger.LogWarning(
            "Alert {Rule} ({Severity}, {Outcome}) published as {MessageId}, alert id {AlertId}, incident {IncidentId} {IncidentStatus}: {Headline}",
            alert.RuleId,
            AlertRenderer.Name(alert.Severity),
            AlertRenderer.Name(alert.Outcome),
            messageId,
            alertId,
            incident.Id,
            AlertIncident.Name(incident.Status),
            alert.Headline);
        if (!AlertsToRecord.TryDefer(new AlertSent(key, window)))
        {
            await alerts.RecordSentAsync(key, window, cancellationToken).ConfigureAwait(false);
        }

        return new PublishedAlert(Disposition.Alerted, alert, messageId);
    }
}

internal sealed record PublishedAlert(Disposition Disposition, Alert Alert, string? MessageId);
