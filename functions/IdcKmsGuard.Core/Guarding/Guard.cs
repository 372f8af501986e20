using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Events;
using IdcKmsGuard.Core.FollowUps;
using IdcKmsGuard.Core.IdentityCenter;
using IdcKmsGuard.Core.Ports;
using IdcKmsGuard.Core.State;
using Microsoft.Extensions.Logging;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>
/// The whole path for one event: find the key Identity Center uses, decide whether the event concerns it,
/// re-read the live state, remediate where allowed, verify, and publish one alert.
/// </summary>
public sealed class Guard
{
    private readonly IIdentityCenter identityCenter;
    private readonly IAlertPublisher publisher;
    private readonly ILogger logger;
    private readonly ProtectedKeyLocator locator;
    private readonly KeyReview keyReview;
    private readonly EncryptionReview encryptionReview;
    private readonly SweepReview sweepReview;
    private readonly Auditing.Auditor auditor;
    private readonly AlertComposer composer;
    private readonly IKeyStore keys;
    private readonly GuardOptions options;
    private readonly TimeProvider time;
    private readonly Func<CancellationToken, Task<ConfigurationSnapshot>> configuration;

    // EventBridge redelivers for up to 24 hours and Lambda retries for up to 6: remember handled events longer.
    private static readonly TimeSpan KeepHandledEvents = TimeSpan.FromHours(48);

    // Longer than the function's timeout, so a live claim is never taken over; a crashed one is after this.
    private static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(2);

    private readonly IGuardStateStore state;

    /// <param name="configuration">The tunable configuration, read per event (the provider caches it); null: the defaults.
    /// A snapshot with a fault (a refused or unreadable document) raises one GUARD-CONFIG alert per fault.</param>
    /// <param name="state">Handled events, known good policies, alert suppression; null: <see cref="StatelessStore"/>.</param>
    public Guard(IIdentityCenter identityCenter, IKeyStore keys, IAlertPublisher publisher, GuardOptions options, TimeProvider time, ILogger logger, Func<CancellationToken, Task<ConfigurationSnapshot>>? configuration = null, IGuardStateStore? state = null)
    {
        this.state = state ?? StatelessStore.Instance;
        this.identityCenter = identityCenter;
        this.publisher = publisher;
        this.logger = logger;
        this.keys = keys;
        this.options = options;
        this.time = time;
        this.configuration = configuration ?? (_ => Task.FromResult(ConfigurationSnapshot.Defaults));
        locator = new ProtectedKeyLocator(keys);
        keyReview = new KeyReview(keys, options, this.state, time);
        auditor = new Auditing.Auditor(identityCenter, keys, options, time);
        encryptionReview = new EncryptionReview(identityCenter, keys, options, this.state, time, auditor);
        sweepReview = new SweepReview(auditor, keyReview, this.state, time);
        composer = new AlertComposer(time);
    }

    /// <summary>Re-checks switches that are still UPDATING; null: the first alert tells people to check by hand.</summary>
    public IFollowUpScheduler? FollowUps { get; init; }

    public FollowUpSchedule FollowUpSchedule { get; init; } = FollowUpSchedule.Standard;

    public Task<GuardResult> HandleAsync(GuardEvent guardEvent, CancellationToken cancellationToken) =>
        HandleAsync(guardEvent, followUp: null, cancellationToken);

    /// <summary>A re-check scheduled by an earlier event; acted on once per attempt, like an event.</summary>
    /// <exception cref="EventFormatException">The follow-up's event cannot be read.</exception>
    public Task<GuardResult> FollowUpAsync(FollowUp followUp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(followUp);
        return HandleAsync(EventReader.Read(followUp.EventJson), followUp, cancellationToken);
    }

    private async Task<GuardResult> HandleAsync(GuardEvent guardEvent, FollowUp? followUp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(guardEvent);
        if (guardEvent.Trigger == Trigger.Unsupported)
        {
            return Ignore(guardEvent, $"{guardEvent.EventName} from {guardEvent.EventSource} is not an event the guard acts on");
        }

        if (guardEvent.EventId is not { } originalId)
        {
            return await ReviewAndAlertAsync(guardEvent, followUp, cancellationToken).ConfigureAwait(false);
        }

        var eventId = followUp is null ? originalId : $"{originalId}#follow-up-{followUp.Attempt}";

        var claim = await state.ClaimEventAsync(eventId, ClaimLease, cancellationToken).ConfigureAwait(false);
        if (claim != EventClaim.Claimed)
        {
            var reason = claim == EventClaim.AlreadyDone ? $"event {eventId} was handled already (a repeated delivery)" : $"event {eventId} is being handled by another invocation";
            logger.LogInformation("Duplicate {EventName}: {Reason}", guardEvent.EventName, reason);
            return new GuardResult(guardEvent, Disposition.Duplicate, reason, null, null);
        }

        try
        {
            await PublishPendingAsync(eventId, cancellationToken).ConfigureAwait(false);
            var result = await ReviewAndAlertAsync(guardEvent, followUp, cancellationToken).ConfigureAwait(false);
            await state.CompleteEventAsync(eventId, KeepHandledEvents, cancellationToken).ConfigureAwait(false);
            return result;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Let Lambda's retry take the event at once rather than wait for the lease to run out.
            await ReleaseQuietlyAsync(eventId).ConfigureAwait(false);
            throw;
        }
    }

    private async Task<GuardResult> ReviewAndAlertAsync(GuardEvent guardEvent, FollowUp? followUp, CancellationToken cancellationToken)
    {
        var snapshot = await configuration(cancellationToken).ConfigureAwait(false);
        if (snapshot.Fault is { } fault)
        {
            await AlertConfigurationFaultAsync(guardEvent, snapshot, fault, cancellationToken).ConfigureAwait(false);
        }

        var configurationNow = snapshot.Configuration;
        var gate = new RemediationGate(keys, options, configurationNow, guardEvent, time);
        if (guardEvent.Trigger == Trigger.Sweep)
        {
            return await SweepAsync(guardEvent, gate, cancellationToken).ConfigureAwait(false);
        }

        var review = guardEvent.Trigger is Trigger.IdentityCenterEncryptionChanged or Trigger.IdentityCenterRegionChanged
            ? await ReviewInstanceAsync(guardEvent, gate, followUp, cancellationToken).ConfigureAwait(false)
            : await ReviewKeyAsync(guardEvent, gate, cancellationToken).ConfigureAwait(false);

        if (review.Updating && await ScheduleFollowUpAsync(guardEvent, followUp, cancellationToken).ConfigureAwait(false) is { } scheduled)
        {
            return new GuardResult(guardEvent, Disposition.FollowUpScheduled, scheduled, null, null) { Rules = RuleEvaluations.For(guardEvent, configurationNow, null) };
        }

        if (review.Draft is null)
        {
            if (review.Disposition == Disposition.Ignored)
            {
                return Ignore(guardEvent, review.Reason);
            }

            if (review.Scope is { } healed && await CloseIncidentAsync(guardEvent, healed, configurationNow, cancellationToken).ConfigureAwait(false) is { } closed)
            {
                return closed with { Rules = RuleEvaluations.For(guardEvent, configurationNow, null) };
            }

            logger.LogInformation("No alert for {EventName} {EventId}: {Reason}", guardEvent.EventName, guardEvent.EventId, review.Reason);
            return new GuardResult(guardEvent, review.Disposition, review.Reason, null, null) { Rules = RuleEvaluations.For(guardEvent, configurationNow, null) };
        }

        var alert = composer.Compose(review.Draft);
        if (review.Scope is { } scope)
        {
            // What stays open is an incident: the event that finds it healthy again closes it with a notice. What this
            // event did not check stays as the sweep left it.
            var judged = RuleEvaluations.Checked(guardEvent, configurationNow);
            await SweepMemories.UpdateAsync(state, scope, previous => (SweepDecision.Merge(scope, previous, alert.Findings, judged, time.GetUtcNow()), true), cancellationToken).ConfigureAwait(false);
        }

        var (disposition, sent, messageId) = await PublishAsync(guardEvent, alert, configurationNow, cancellationToken).ConfigureAwait(false);
        var reason = disposition == Disposition.Suppressed ? $"the same alert went out at {sent.PreviousAlertAt:u}; this repeat is counted" : review.Reason;
        return new GuardResult(guardEvent, disposition, reason, sent, messageId) { Rules = RuleEvaluations.For(guardEvent, configurationNow, sent) };
    }

    /// <summary>One alert out, unless it repeats one sent within the window (then counted). A failed publish keeps
    /// the alert under the event for the retry, then fails the invocation.</summary>
    private async Task<(Disposition Disposition, Alert Alert, string? MessageId)> PublishAsync(GuardEvent guardEvent, Alert alert, GuardConfiguration configurationNow, CancellationToken cancellationToken)
    {
        var decision = await state.RegisterAlertAsync(AlertKey(alert), configurationNow.RepeatAlertWindow, cancellationToken).ConfigureAwait(false);
        if (!decision.Send)
        {
            logger.LogInformation("Alert {Rule} ({Outcome}) for {Key} suppressed: the same alert went out at {LastSentAt}", alert.RuleId, AlertRenderer.Name(alert.Outcome), alert.KeyArn, decision.LastSentAt);
            return (Disposition.Suppressed, alert with { PreviousAlertAt = decision.LastSentAt }, null);
        }

        alert = alert with { SuppressedRepeats = decision.SuppressedSinceLastSent, PreviousAlertAt = decision.LastSentAt };
        var rendered = AlertRenderer.Render(alert, configurationNow.ChatbotNotifications);
        string messageId;
        try
        {
            messageId = await publisher.PublishAsync(rendered, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (guardEvent.EventId is { } eventId && !cancellationToken.IsCancellationRequested)
        {
            // The fix may already be done: without this, the retry would find the key healthy and say nothing.
            await state.SavePendingAlertAsync(eventId, RenderedAlertJson.Write(rendered), KeepHandledEvents, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        logger.LogWarning(
            "Alert {Rule} ({Severity}, {Outcome}) published as {MessageId}: {Headline}",
            alert.RuleId,
            AlertRenderer.Name(alert.Severity),
            AlertRenderer.Name(alert.Outcome),
            messageId,
            alert.Headline);
        return (Disposition.Alerted, alert, messageId);
    }

    // Each scope's alert goes out as soon as it is judged (and perhaps repaired), its state remembered first: if
    // publishing fails, the pending alert carries the news to the retry, which does not announce it twice; if a later
    // scope fails the sweep, what was already repaired has been reported.
    private async Task<GuardResult> SweepAsync(GuardEvent sweep, RemediationGate gate, CancellationToken cancellationToken)
    {
        var configurationNow = gate.Configuration;
        var sent = new List<Alert>();
        string? firstMessageId = null;
        var unchanged = 0;
        var judged = await sweepReview.ReviewAsync(sweep, gate, async scope =>
        {
            var (change, previous, next) = await SweepMemories.UpdateAsync(state, scope.Scope, stored =>
            {
                var (change, next) = SweepDecision.Decide(scope.Scope, stored, scope.Findings, configurationNow.SweepRepeatAfter, time.GetUtcNow());

                // Healthy hour after healthy hour needs no write: only open findings are counted.
                return (stored is { Fingerprint.Length: 0 } && next.Fingerprint.Length == 0 ? null : next, (change, stored, next));
            }, cancellationToken).ConfigureAwait(false);
            if (SweepAlert(sweep, scope, change, previous, next, configurationNow) is not { } draft)
            {
                unchanged += scope.Findings.Any(f => !f.Resolved && f.Severity >= Alerts.Severity.Medium) ? 1 : 0;
                return;
            }

            var (disposition, alert, messageId) = await PublishAsync(sweep, composer.Compose(draft), configurationNow, cancellationToken).ConfigureAwait(false);
            if (disposition == Disposition.Alerted)
            {
                sent.Add(alert);
                firstMessageId ??= messageId;
            }
        }, cancellationToken).ConfigureAwait(false);

        var reason = $"the sweep checked {judged} scope(s) (instances, keys, replicas): {sent.Count} alert(s) on a change of state, {unchanged} known violation(s) unchanged";
        logger.LogInformation("Sweep done: {Reason}", reason);
        var primary = sent.OrderByDescending(a => a.Severity).FirstOrDefault();
        return new GuardResult(sweep, sent.Count > 0 ? Disposition.Alerted : Disposition.Healthy, reason, primary, firstMessageId)
        {
            Alerts = sent,
            Checks = judged,
            Rules = [.. sent.SelectMany(a => RuleEvaluations.For(sweep, configurationNow, a)).DistinctBy(r => r.RuleId)],
        };
    }

    private async Task<GuardResult?> CloseIncidentAsync(GuardEvent guardEvent, string scope, GuardConfiguration configurationNow, CancellationToken cancellationToken)
    {
        // Only what this event's review checked is known to be fixed; the rest stays open for the sweep to judge.
        var verified = RuleEvaluations.Checked(guardEvent, configurationNow);
        var (open, closed, remaining) = await SweepMemories.UpdateAsync(state, scope, stored =>
        {
            var rules = (stored?.Fingerprint ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries);
            List<string> closed = [.. rules.Where(verified.Contains)];
            List<string> remaining = [.. rules.Where(r => !verified.Contains(r))];
            SweepMemory? next = closed.Count == 0 ? null
                : remaining.Count == 0 ? new SweepMemory(scope, string.Empty, 1, time.GetUtcNow())
                : stored! with { Fingerprint = string.Join(",", remaining) };
            return (next, (stored, closed, remaining));
        }, cancellationToken).ConfigureAwait(false);
        if (open is null || closed.Count == 0)
        {
            return null;
        }

        var draft = IncidentClosed(guardEvent, scope, open with { Fingerprint = string.Join(",", closed) }, $"{AlertComposer.Narrate(guardEvent, scope)} The guard re-read the key: what it reported since {open.Since:yyyy-MM-dd HH:mm} UTC ({string.Join(", ", closed)}) is resolved.{(remaining.Count == 0 ? string.Empty : $" Still open, checked again by the next sweep: {string.Join(", ", remaining)}.")}");
        var (disposition, alert, messageId) = await PublishAsync(guardEvent, composer.Compose(draft), configurationNow, cancellationToken).ConfigureAwait(false);
        return new GuardResult(guardEvent, disposition, $"{guardEvent.EventName} resolved the open incident ({open.Fingerprint})", alert, messageId);
    }

    private static AlertDraft IncidentClosed(GuardEvent guardEvent, string scope, SweepMemory open, string whatHappened)
    {
        // A scope is a key ARN or an instance ARN.
        var key = Keys.KeyArn.TryParse(scope, out var arn) ? arn : null;
        return new AlertDraft(
            Event: guardEvent,
            Headline: $"Resolved: {string.Join(", ", open.Fingerprint.Split(','))} on {(key is null ? "Identity Center" : "the Identity Center key")}",
            WhatHappened: whatHappened,
            Outcome: AlertOutcome.None,
            Findings: [.. open.Fingerprint.Split(',').Select(id => new Finding(id, Alerts.Severity.Info, Rules.RuleCatalog.TryGet(id, out var rule) ? $"No longer found: {rule.Title.ToLowerInvariant()} again." : $"No longer found: {id}.", Resolved: true))],
            Steps: [],
            Verification: null,
            KeyArn: key?.ToString(),
            KeyRegion: key?.Region,
            KeyStateBefore: null,
            KeyStateAfter: null,
            InstanceArn: key is null ? scope : null,
            ExtraNextSteps: ["Nothing to do: the guard re-read it and it passes these checks again."]);
    }

    private static List<string> Gone(SweepMemory? previous, SweepMemory next) =>
        [.. (previous?.Fingerprint ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries).Except(next.Fingerprint.Split(','), StringComparer.Ordinal)];

    private static AlertDraft? SweepAlert(GuardEvent sweep, SweepScope scope, SweepChange change, SweepMemory? previous, SweepMemory next, GuardConfiguration configuration)
    {
        switch (change)
        {
            case SweepChange.None:
                return null;
            case SweepChange.Cleared:
                return IncidentClosed(sweep, scope.Scope, previous!, $"{AlertComposer.Narrate(sweep, scope.Scope)} What it reported since {previous!.Since:yyyy-MM-dd HH:mm} UTC is gone; the guard did not change it, so someone else fixed it.");
            case SweepChange.Changed when scope.Draft is { } changed && Gone(previous, next) is { Count: > 0 } gone:
                return changed with { WhatHappened = $"{changed.WhatHappened} No longer found since the last sweep: {string.Join(", ", gone)}." };
            case SweepChange.StillFailing when scope.Draft is { } draft:
                return draft with { WhatHappened = $"{draft.WhatHappened} Unchanged since {next.Since:yyyy-MM-dd HH:mm} UTC ({next.Sweeps} sweeps); the sweep repeats this every {configuration.SweepRepeatAfter} sweeps until it is fixed." };
            default:
                return scope.Draft;
        }
    }

    // A bad document is news once, not with every event: one alert per fault id for a week.
    private async Task AlertConfigurationFaultAsync(GuardEvent guardEvent, ConfigurationSnapshot snapshot, ConfigurationFault fault, CancellationToken cancellationToken)
    {
        var decision = await state.RegisterAlertAsync($"config|{fault.Id}", TimeSpan.FromDays(7), cancellationToken).ConfigureAwait(false);
        if (!decision.Send)
        {
            return;
        }

        var alert = composer.Compose(ConfigurationFaultDraft.For(guardEvent, snapshot, fault));
        var messageId = await publisher.PublishAsync(AlertRenderer.Render(alert, snapshot.Configuration.ChatbotNotifications), cancellationToken).ConfigureAwait(false);
        logger.LogWarning("Configuration refused ({Fault}); running on {Origin}; alert {MessageId}", fault.Message, snapshot.Origin, messageId);
    }

    private async Task PublishPendingAsync(string eventId, CancellationToken cancellationToken)
    {
        if (await state.TakePendingAlertAsync(eventId, cancellationToken).ConfigureAwait(false) is not { } pending)
        {
            return;
        }

        try
        {
            var messageId = await publisher.PublishAsync(RenderedAlertJson.Read(pending), cancellationToken).ConfigureAwait(false);
            logger.LogWarning("Published the alert an earlier attempt at {EventId} could not send, as {MessageId}", eventId, messageId);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            await state.SavePendingAlertAsync(eventId, pending, KeepHandledEvents, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    // One alert per key, rule and outcome within the window: a fixed one and a failed one are different news.
    private static string AlertKey(Alert alert) => $"{alert.KeyArn ?? alert.InstanceArn ?? "-"}|{alert.RuleId}|{AlertRenderer.Name(alert.Outcome)}";

    private async Task ReleaseQuietlyAsync(string eventId)
    {
        try
        {
            await state.ReleaseEventAsync(eventId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Errors.AwsCallException e)
        {
            logger.LogWarning(e, "Could not release the claim on {EventId}; a retry can take it once the lease runs out", eventId);
        }
    }

    private async Task<KeyReviewResult> ReviewKeyAsync(GuardEvent guardEvent, RemediationGate gate, CancellationToken cancellationToken)
    {
        var instances = await identityCenter.DescribeInstancesAsync(cancellationToken).ConfigureAwait(false);
        var key = await locator.LocateAsync(guardEvent, instances, (instance, token) => KeysInUse.PreviousAsync(state, instance, token), cancellationToken).ConfigureAwait(false);
        if (key is null)
        {
            var why = instances.Any(i => i.Encryption.UsesCustomerManagedKey)
                ? $"the event names {Describe(guardEvent.KeyRefs)}, not a key Identity Center uses"
                : "Identity Center uses no customer managed key";
            return KeyReviewResult.Quiet(Disposition.Ignored, why);
        }

        var review = await keyReview.ReviewAsync(guardEvent, key, gate, cancellationToken).ConfigureAwait(false) with { Scope = key.Target.ToString() };
        return guardEvent.Trigger is Trigger.KeyReplicated or Trigger.KeyPrimaryRegionChanged
            ? await WithOtherRegionsAsync(review, guardEvent, key, gate, cancellationToken).ConfigureAwait(false)
            : review;
    }

    // A new replica, or a primary moved: the key's Regions changed, so every Identity Center Region is judged now,
    // not at the next sweep (which also repairs what it may).
    private async Task<KeyReviewResult> WithOtherRegionsAsync(KeyReviewResult review, GuardEvent guardEvent, ProtectedKey key, RemediationGate gate, CancellationToken cancellationToken)
    {
        var audit = await auditor.AuditAsync(key.Instance, gate.Configuration, cancellationToken).ConfigureAwait(false);
        var others = audit.Keys.Where(k => k.Arn != key.Target && k.Findings.Any(f => f.Severity >= Alerts.Severity.Medium)).ToList();
        if (others.Count == 0)
        {
            return review;
        }

        var findings = others.SelectMany(k => k.Findings).Where(f => f.Severity >= Alerts.Severity.Medium).ToList();
        if (review.Draft is { } draft)
        {
            return review with { Draft = draft with { Findings = [.. draft.Findings, .. findings] }, Scope = null };
        }

        // The alert covers several keys now: no single key's memory may take its findings.
        var added = SweepReview.KeyDraft(guardEvent, audit, others[0], findings);
        return new KeyReviewResult(Disposition.Alerted, added.Headline, added) { Scope = null };
    }

    // The alert waits for the switch's outcome; past the schedule's end, the review's "still UPDATING" alert goes out.
    private async Task<string?> ScheduleFollowUpAsync(GuardEvent guardEvent, FollowUp? current, CancellationToken cancellationToken)
    {
        var attempt = (current?.Attempt ?? 0) + 1;
        if (FollowUps is null || attempt > FollowUpSchedule.MaxAttempts || guardEvent.Raw is not { } raw)
        {
            return null;
        }

        var delay = FollowUpSchedule.DelayBefore(attempt);
        var since = current?.UpdatingSince ?? time.GetUtcNow();
        await FollowUps.ScheduleAsync(new FollowUp(raw, attempt, since), delay, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Identity Center's key switch is UPDATING; re-check {Attempt} of {MaxAttempts} in {Delay}", attempt, FollowUpSchedule.MaxAttempts, delay);
        return $"the key switch is still UPDATING; re-check {attempt} of {FollowUpSchedule.MaxAttempts} is scheduled in {(int)delay.TotalSeconds} s, and the alert comes with the outcome";
    }

    private async Task<KeyReviewResult> ReviewInstanceAsync(GuardEvent guardEvent, RemediationGate gate, FollowUp? followUp, CancellationToken cancellationToken)
    {
        IdentityCenterInstance instance;
        if (guardEvent.InstanceArn is { } arn)
        {
            try
            {
                instance = await identityCenter.DescribeInstanceAsync(arn, cancellationToken).ConfigureAwait(false);
            }
            catch (Errors.AwsCallException e) when (e.ErrorCode == "ResourceNotFoundException")
            {
                // Another instance (an account instance, one since deleted): not the one the guard protects.
                return KeyReviewResult.Quiet(Disposition.Ignored, $"instance {arn} does not exist or is not visible to the guard");
            }
        }
        else
        {
            var instances = await identityCenter.DescribeInstancesAsync(cancellationToken).ConfigureAwait(false);
            if (instances.Count == 0)
            {
                return KeyReviewResult.Quiet(Disposition.Ignored, "no Identity Center instance is visible");
            }

            instance = instances[0];
        }

        return await encryptionReview.ReviewAsync(guardEvent, instance, gate, followUp, cancellationToken).ConfigureAwait(false);
    }

    private GuardResult Ignore(GuardEvent guardEvent, string reason)
    {
        logger.LogDebug("Ignored {EventName} {EventId}: {Reason}", guardEvent.EventName, guardEvent.EventId, reason);
        return new GuardResult(guardEvent, Disposition.Ignored, reason, null, null);
    }

    private static string Describe(IReadOnlyList<string> keyRefs) =>
        keyRefs.Count == 0 ? "no key" : string.Join(", ", keyRefs);
}
