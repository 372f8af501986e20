using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Delivery;
using IdcKmsGuard.Core.Errors;
using IdcKmsGuard.Core.Events;
using IdcKmsGuard.Core.FollowUps;
using IdcKmsGuard.Core.IdentityCenter;
using IdcKmsGuard.Core.Ports;
using IdcKmsGuard.Core.Rules;
using IdcKmsGuard.Core.State;
using Microsoft.Extensions.Logging;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>
/// The whole path for one event: claim it, find the key Identity Center uses, decide whether the event concerns it,
/// re-read the live state, remediate where allowed (every change journaled first), verify, publish one alert, and
/// only then mark the event done. A failure that may pass fails the invocation so that Lambda delivers the event
/// again; the last delivery reports whatever it found.
/// </summary>
public sealed class Guard
{
    // EventBridge redelivers for up to 24 hours and Lambda retries for up to 6: remember handled events longer.
    private static readonly TimeSpan KeepHandledEvents = TimeSpan.FromHours(48);

    // A bad configuration document is news once a week, not with every event.
    private static readonly TimeSpan ConfigurationFaultWindow = TimeSpan.FromDays(7);

    // One announcement per version, however many invocations read it before it is recorded.
    private static readonly TimeSpan ConfigurationChangeWindow = TimeSpan.FromDays(365);

    private readonly IIdentityCenter identityCenter;
    private readonly ILogger logger;
    private readonly ProtectedKeyLocator locator;
    private readonly KeyReview keyReview;
    private readonly EncryptionReview encryptionReview;
    private readonly Auditing.Auditor auditor;
    private readonly AlertComposer composer;
    private readonly AlertOutbox outbox;
    private readonly IncidentBook incidents;
    private readonly SweepRun sweeps;
    private readonly ChangeEvidence evidence;
    private readonly IKeyStore keys;
    private readonly GuardOptions options;
    private readonly TimeProvider time;
    private readonly Func<CancellationToken, Task<ConfigurationSnapshot>> configuration;
    private readonly IGuardStateStore state;
    private readonly IEventLedger ledger;
    private readonly IExemptChanges exemptChanges;
    private readonly IFollowUpEvents followUpEvents;
    private readonly IConfigurationHistory configurationHistory;

    // The configuration version this process announced or found announced: a warm process reads the history once.
    private string? announcedConfiguration;

    /// <param name="configuration">The tunable configuration, read per event (the provider caches it); null: the defaults.
    /// A snapshot with a fault (a refused or unreadable document) raises one GUARD-CONFIG alert per fault.</param>
    /// <param name="state">Known good policies, incident memory, keys in use; null: <see cref="StatelessStore"/>. When it
    /// is also the <see cref="IEventLedger"/> and the <see cref="IAlertLedger"/> (the DynamoDB table is all three),
    /// those need not be given.</param>
    public Guard(
        IIdentityCenter identityCenter,
        IKeyStore keys,
        IAlertPublisher publisher,
        GuardOptions options,
        TimeProvider time,
        ILogger logger,
        Func<CancellationToken, Task<ConfigurationSnapshot>>? configuration = null,
        IGuardStateStore? state = null,
        IEventLedger? ledger = null,
        IAlertLedger? alerts = null)
    {
        this.state = state ?? StatelessStore.Instance;
        this.ledger = ledger ?? this.state as IEventLedger ?? StatelessStore.Instance;
        exemptChanges = this.state as IExemptChanges ?? StatelessStore.Instance;
        followUpEvents = this.state as IFollowUpEvents ?? StatelessStore.Instance;
        configurationHistory = this.state as IConfigurationHistory ?? StatelessStore.Instance;
        this.identityCenter = identityCenter;
        this.logger = logger;
        this.keys = keys;
        this.options = options;
        this.time = time;
        this.configuration = configuration ?? (_ => Task.FromResult(ConfigurationSnapshot.Defaults));
        locator = new ProtectedKeyLocator(keys);
        keyReview = new KeyReview(keys, options, this.state, time);
        auditor = new Auditing.Auditor(identityCenter, keys, options, time);
        encryptionReview = new EncryptionReview(identityCenter, keys, options, this.state, time, auditor);
        composer = new AlertComposer(time);
        outbox = new AlertOutbox(publisher, alerts ?? this.state as IAlertLedger ?? StatelessStore.Instance, logger);
        incidents = new IncidentBook(this.state, time);
        sweeps = new SweepRun(new SweepReview(auditor, keyReview, this.state, time), incidents, outbox, composer, new AlertPathCheck(keys, options.AlertTopicKeyArn), logger);
        evidence = new ChangeEvidence(keys, identityCenter);
    }

    /// <summary>Re-checks switches that are still UPDATING; null: the first alert tells people to check by hand.</summary>
    public IFollowUpScheduler? FollowUps { get; init; }

    public FollowUpSchedule FollowUpSchedule { get; init; } = FollowUpSchedule.Standard;

    /// <summary>Who wrote a configuration version (SSM's parameter history), for GUARD-CONFIG-CHANGED; null: not said.</summary>
    public IConfigurationAuthors? ConfigurationAuthors { get; init; }

    // Far longer than every re-check of a switch takes (about an hour), and SQS's own retries of the last one.
    private static readonly TimeSpan FollowUpEventLifetime = TimeSpan.FromHours(24);

    public Task<GuardResult> HandleAsync(GuardEvent guardEvent, CancellationToken cancellationToken) =>
        HandleAsync(guardEvent, followUp: null, InvocationBudget.Unbounded(time, cancellationToken));

    /// <exception cref="RetryLaterException">The event is not finished: Lambda should deliver it again.</exception>
    public Task<GuardResult> HandleAsync(GuardEvent guardEvent, InvocationBudget budget) =>
        HandleAsync(guardEvent, followUp: null, budget);

    /// <summary>A re-check scheduled by an earlier event; acted on once per attempt, like an event.</summary>
    /// <exception cref="EventFormatException">The follow-up names an event the guard never kept (forged, or kept past
    /// its day), or the kept event cannot be read: it is refused and, after the queue's receive limit, dead-lettered.</exception>
    public Task<GuardResult> FollowUpAsync(FollowUp followUp, CancellationToken cancellationToken) =>
        FollowUpAsync(followUp, InvocationBudget.Unbounded(time, cancellationToken));

    /// <inheritdoc cref="FollowUpAsync(FollowUp, CancellationToken)"/>
    public async Task<GuardResult> FollowUpAsync(FollowUp followUp, InvocationBudget budget)
    {
        ArgumentNullException.ThrowIfNull(followUp);
        ArgumentNullException.ThrowIfNull(budget);
        var eventJson = await followUpEvents.FindFollowUpEventAsync(followUp.EventId, budget.Work).ConfigureAwait(false)
            ?? throw new EventFormatException($"Refused follow-up {followUp.Attempt} of event {followUp.EventId}: the guard kept no such event (a forged message, or one older than {FollowUpEventLifetime.TotalHours:0} hours).");
        return await HandleAsync(EventReader.Read(eventJson), followUp, budget).ConfigureAwait(false);
    }

    private async Task<GuardResult> HandleAsync(GuardEvent guardEvent, FollowUp? followUp, InvocationBudget budget)
    {
        ArgumentNullException.ThrowIfNull(guardEvent);
        ArgumentNullException.ThrowIfNull(budget);
        if (guardEvent.Trigger == Trigger.Unsupported)
        {
            return Ignore(guardEvent, $"{guardEvent.EventName} from {guardEvent.EventSource} is not an event the guard acts on");
        }

        // A follow-up is delivered by SQS (up to its receive limit), an event by Lambda's asynchronous retries.
        var deliveries = followUp is null ? options.DeliveryAttempts : options.FollowUpAttempts;
        if (guardEvent.EventId is not { } originalId)
        {
            return await RunAsync(guardEvent, followUp, LedgerClaim.Unrecorded("-"), deliveries, budget, lateReport: false).ConfigureAwait(false);
        }

        var eventId = followUp is null ? originalId : $"{originalId}#follow-up-{followUp.Attempt}";
        LedgerClaim claim;
        try
        {
            claim = await ledger.ClaimAsync(eventId, budget.LeaseUntil, budget.Work).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (budget.WorkStopped)
        {
            throw new RetryLaterException(RetryLaterException.DeadlineExceeded, $"Event {eventId} could not be claimed before the deadline; nothing was changed.", e);
        }

        switch (claim.Status)
        {
            case EventClaim.AlreadyDone:
                var reason = $"event {eventId} was handled already (a repeated delivery)";
                logger.LogInformation("Duplicate {EventName}: {Reason}", guardEvent.EventName, reason);
                return new GuardResult(guardEvent, Disposition.Duplicate, reason, null, null);
            case EventClaim.InProgress:
                // Never "done" while someone else may still fail: Lambda's retry finds it finished, or free to take.
                throw new RetryLaterException(RetryLaterException.EventInProgress, $"Event {eventId} is being handled by another invocation; this delivery is retried later.");
        }

        return await RunAsync(guardEvent, followUp, claim, deliveries, budget, lateReport: false).ConfigureAwait(false);
    }

    private async Task<GuardResult> RunAsync(GuardEvent guardEvent, FollowUp? followUp, LedgerClaim claim, int deliveries, InvocationBudget budget, bool lateReport)
    {
        if (claim.Attempt >= deliveries && !lateReport && budget.Deadline is not null)
        {
            using var last = budget.ForLastAttempt();
            return await AttemptAsync(guardEvent, followUp, claim, deliveries, last, lateReport).ConfigureAwait(false);
        }

        return await AttemptAsync(guardEvent, followUp, claim, deliveries, budget, lateReport).ConfigureAwait(false);
    }

    private async Task<GuardResult> AttemptAsync(GuardEvent guardEvent, FollowUp? followUp, LedgerClaim claim, int deliveries, InvocationBudget budget, bool lateReport)
    {
        var journalLedger = claim.Token is null ? StatelessStore.Instance : ledger;
        var journal = new ChangeJournal(journalLedger, claim, guardEvent.Raw, deliveries, evidence, time, options.ChangeBackoff);
        ConfigurationSnapshot? snapshot = null;
        GuardResult result;
        try
        {
            snapshot = await configuration(budget.Work).ConfigureAwait(false);
            result = await ReviewAndAlertAsync(guardEvent, followUp, journal, snapshot, budget, lateReport).ConfigureAwait(false);
        }
        catch (Exception e) when (Ours(e, budget))
        {
            // The last delivery, or one that could not journal what it changed, reports now: nobody else would.
            if (await ReportUnfinishedAsync(guardEvent, journal, snapshot ?? ConfigurationSnapshot.Defaults, e, budget).ConfigureAwait(false) is { } reported && journal.IsLastAttempt)
            {
                result = reported;
            }
            else
            {
                // The journal stays with the claim: the retry (or whoever comes next) finishes what this began.
                await ReleaseQuietlyAsync(journalLedger, claim, budget.Finish).ConfigureAwait(false);
                ThrowIfOutOfTime(claim, e);
                throw;
            }
        }

        try
        {
            await journalLedger.CompleteAsync(claim, KeepHandledEvents, budget.Finish).ConfigureAwait(false);
        }
        catch (Exception e) when (Ours(e, budget))
        {
            // The alert is out; the retry finds the event unfinished and publishes nothing new (the same alert id).
            await ReleaseQuietlyAsync(journalLedger, claim, budget.Finish).ConfigureAwait(false);
            ThrowIfOutOfTime(claim, e);
            throw;
        }

        return result;
    }

    // Failures this invocation answers for; the runtime stopping (its own token) is not one of them.
    private static bool Ours(Exception e, InvocationBudget budget) =>
        e is not ClaimLostException && !(e is OperationCanceledException && !budget.WorkStopped);

    private static void ThrowIfOutOfTime(LedgerClaim claim, Exception failure)
    {
        if (failure is OperationCanceledException)
        {
            throw new RetryLaterException(RetryLaterException.DeadlineExceeded, $"Event {claim.EventId} ran out of time (attempt {claim.Attempt}); what it changed is journaled and Lambda's retry finishes it.", failure);
        }
    }

    private async Task<GuardResult?> ReportUnfinishedAsync(GuardEvent guardEvent, ChangeJournal journal, ConfigurationSnapshot snapshot, Exception failure, InvocationBudget budget)
    {
        if (!journal.IsLastAttempt && !journal.LostTrack)
        {
            return null;
        }

        try
        {
            var configurationNow = snapshot.Configuration;
            var review = Unfinished.Review(guardEvent, journal, failure);
            var alert = composer.Compose(review.Draft!);
            var published = await outbox.PublishAsync(alert, AlertIds.For(guardEvent.EventId ?? alert.Headline, review.Scope ?? "-"), configurationNow.ChatbotNotifications, configurationNow.RepeatAlertWindow, budget.Finish).ConfigureAwait(false);
            return new GuardResult(guardEvent, published.Disposition, review.Reason, published.Alert, published.MessageId);
        }
        catch (Exception e) when (e is GuardException or OperationCanceledException or HttpRequestException or IOException)
        {
            logger.LogError(e, "Could not report what event {EventId} left unfinished; its journal stays for the next invocation", guardEvent.EventId);
            return null;
        }
    }

    private async Task<GuardResult> ReviewAndAlertAsync(GuardEvent guardEvent, FollowUp? followUp, ChangeJournal journal, ConfigurationSnapshot snapshot, InvocationBudget budget, bool lateReport)
    {
        var cancellationToken = budget.Work;
        if (snapshot.FailClosed && !journal.IsLastAttempt)
        {
            throw new RetryLaterException(RetryLaterException.ConfigurationUnavailable, $"The configuration cannot be read ({snapshot.Fault?.Message}) and none was read before: nothing is decided on the defaults; Lambda retries the event.");
        }

        if (snapshot.Fault is { } fault)
        {
            await AlertConfigurationFaultAsync(guardEvent, snapshot, fault, cancellationToken).ConfigureAwait(false);
        }

        await AnnounceConfigurationChangeAsync(guardEvent, snapshot, cancellationToken).ConfigureAwait(false);

        var configurationNow = snapshot.Configuration;
        var gate = new RemediationGate(keys, options, configurationNow, guardEvent, time, journal, exemptChanges)
        {
            HeldBack = lateReport ? "this is a late report of an earlier attempt that was interrupted; the event or sweep that found it checks the key itself."
                : snapshot.FailClosed ? $"the configuration cannot be read ({snapshot.Fault?.Message}) and none was read before, so the guard changes nothing and only reports (fail closed)."
                : null,
        };

        KeyReviewResult review;
        try
        {
            if (guardEvent.Trigger == Trigger.Sweep)
            {
                if (!lateReport)
                {
                    await RecoverAbandonedAsync(scope: null, guardEvent.EventId, budget).ConfigureAwait(false);
                }

                var swept = await sweeps.RunAsync(guardEvent, gate, cancellationToken).ConfigureAwait(false);
                ThrowIfRetryWanted(journal);
                return swept;
            }

            review = guardEvent.Trigger is Trigger.IdentityCenterEncryptionChanged or Trigger.IdentityCenterRegionChanged
                ? await ReviewInstanceAsync(guardEvent, gate, followUp, cancellationToken).ConfigureAwait(false)
                : await ReviewKeyAsync(guardEvent, gate, budget, lateReport).ConfigureAwait(false);
        }
        catch (AwsCallException e) when (journal.IsLastAttempt || !e.IsTransient)
        {
            // A refusal (access denied, an invalid request) will not pass with a retry: report it now.
            review = Unfinished.Review(guardEvent, journal, e);
        }

        ThrowIfRetryWanted(journal);
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
        var subject = review.Scope ?? alert.InstanceArn ?? alert.KeyArn ?? "-";
        var published = await outbox.PublishAsync(alert, AlertIds.For(guardEvent.EventId ?? alert.Headline, subject), configurationNow.ChatbotNotifications, configurationNow.RepeatAlertWindow, cancellationToken).ConfigureAwait(false);
        if (review.Scope is { } scope)
        {
            // What stays open is an incident: the event that finds it healthy again closes it with a notice. What this
            // event did not check stays as the sweep left it.
            await incidents.RecordAsync(scope, alert.Findings, RuleEvaluations.Checked(guardEvent, configurationNow), cancellationToken).ConfigureAwait(false);
        }

        var reason = published.Disposition == Disposition.Suppressed ? $"the same alert went out at {published.Alert.PreviousAlertAt:u}; this repeat is counted" : review.Reason;
        return new GuardResult(guardEvent, published.Disposition, reason, published.Alert, published.MessageId) { Rules = RuleEvaluations.For(guardEvent, configurationNow, published.Alert) };
    }

    private static void ThrowIfRetryWanted(ChangeJournal journal)
    {
        if (journal.WantsRetry)
        {
            throw new RetryLaterException(RetryLaterException.TransientFailure, $"Attempt {journal.Attempt} could not finish ({string.Join("; ", journal.TransientFailures)}); what it changed is journaled and Lambda's retry finishes it.");
        }
    }

    private async Task<GuardResult?> CloseIncidentAsync(GuardEvent guardEvent, string scope, GuardConfiguration configurationNow, CancellationToken cancellationToken)
    {
        // Only what this event's review checked is known to be fixed; the rest stays open for the sweep to judge.
        if (await incidents.ClosingAsync(scope, RuleEvaluations.Checked(guardEvent, configurationNow), cancellationToken).ConfigureAwait(false) is not { } closing)
        {
            return null;
        }

        var notice = composer.Compose(IncidentNotices.ClosedByEvent(guardEvent, closing));
        var published = await outbox.PublishAsync(notice, AlertIds.For(guardEvent.EventId ?? notice.Headline, scope), configurationNow.ChatbotNotifications, configurationNow.RepeatAlertWindow, cancellationToken).ConfigureAwait(false);
        await incidents.CommitAsync(closing, cancellationToken).ConfigureAwait(false);
        return new GuardResult(guardEvent, published.Disposition, $"{guardEvent.EventName} resolved the open incident ({closing.Open.Fingerprint})", published.Alert, published.MessageId);
    }

    private async Task AlertConfigurationFaultAsync(GuardEvent guardEvent, ConfigurationSnapshot snapshot, ConfigurationFault fault, CancellationToken cancellationToken)
    {
        var alert = composer.Compose(ConfigurationFaultDraft.For(guardEvent, snapshot, fault));
        var published = await outbox.PublishAsync(alert, AlertIds.For("configuration", fault.Id), snapshot.Configuration.ChatbotNotifications, ConfigurationFaultWindow, cancellationToken, suppressionKey: $"config|{fault.Id}").ConfigureAwait(false);
        if (published.Disposition == Disposition.Alerted)
        {
            logger.LogWarning("Configuration refused ({Fault}); running on {Origin}; alert {MessageId}", fault.Message, snapshot.Origin, published.MessageId);
        }
    }

    /// <summary>
    /// Announces a configuration version once (GUARD-CONFIG-CHANGED): what it changes against the last announced one and
    /// who wrote it. Published before it is recorded, so a failure repeats the announcement instead of losing it; a
    /// version that switches the rule off is still announced (its previous mode decides).
    /// </summary>
    private async Task AnnounceConfigurationChangeAsync(GuardEvent guardEvent, ConfigurationSnapshot snapshot, CancellationToken cancellationToken)
    {
        if (snapshot.Document is not { Version: { } version } document || announcedConfiguration == $"{document.Origin}@{version}")
        {
            return;
        }

        try
        {
            var last = await configurationHistory.LastAnnouncedAsync(document.Origin, cancellationToken).ConfigureAwait(false);
            if (last is null || ConfigurationVersions.IsNewer(version, last.Version))
            {
                var before = last is null ? GuardConfiguration.Defaults : ConfigurationParser.TryParse(last.Text) ?? GuardConfiguration.Defaults;
                var change = ConfigurationChange.Between(before, snapshot.Configuration);
                var announces = before.ModeOf(RuleCatalog.GuardConfigChanged) != RuleMode.Off || snapshot.Configuration.ModeOf(RuleCatalog.GuardConfigChanged) != RuleMode.Off;
                if (announces && (last is not null || !change.IsEmpty))
                {
                    var author = ConfigurationAuthors is null ? null : await ConfigurationAuthors.AuthorOfAsync(document, cancellationToken).ConfigureAwait(false);
                    var alert = composer.Compose(ConfigurationChangeDraft.For(guardEvent, document, last?.Version, change, author));
                    var key = $"config-changed|{document.Origin}|{version}";
                    await outbox.PublishAsync(alert, AlertIds.For("configuration-change", key), snapshot.Configuration.ChatbotNotifications, ConfigurationChangeWindow, cancellationToken, suppressionKey: key).ConfigureAwait(false);
                    logger.LogWarning("Configuration version {Version} of {Origin} announced: {Changes}", version, document.Origin, string.Join("; ", change.Lines));
                }

                await configurationHistory.SaveAnnouncedAsync(new AnnouncedConfiguration(document.Origin, version, document.Text, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            }

            announcedConfiguration = $"{document.Origin}@{version}";
        }
        catch (AwsCallException e)
        {
            // The event is not held up for it: the next invocation announces the version again.
            logger.LogError(e, "Could not announce configuration version {Version} of {Origin}: {Operation} {ErrorCode}", version, document.Origin, e.Operation, e.ErrorCode);
        }
    }

    /// <summary>
    /// Finishes the journals that interrupted attempts left on <paramref name="scope"/> (every scope when null): each
    /// such event is taken over and reported late, changing nothing. One that cannot be finished now stays for the next.
    /// </summary>
    private async Task RecoverAbandonedAsync(string? scope, string? ownEventId, InvocationBudget budget)
    {
        IReadOnlyList<string> unfinished;
        try
        {
            unfinished = await ledger.UnfinishedAsync(scope, budget.Work).ConfigureAwait(false);
        }
        catch (AwsCallException e)
        {
            logger.LogWarning(e, "Could not look for unfinished journals{Scope}; the next invocation looks again", scope is null ? string.Empty : $" on {scope}");
            return;
        }

        foreach (var eventId in unfinished.Where(id => id != ownEventId))
        {
            try
            {
                var claim = await ledger.ClaimAsync(eventId, budget.LeaseUntil, budget.Work).ConfigureAwait(false);
                if (claim.Status != EventClaim.Claimed)
                {
                    continue;
                }

                if (claim.Journal?.EventJson is not { } json)
                {
                    // Only the event's own retry can finish it (it was too large to journal whole).
                    await ReleaseQuietlyAsync(ledger, claim, budget.Finish).ConfigureAwait(false);
                    continue;
                }

                logger.LogWarning("Finishing event {EventId}, which attempt {Attempt} left unfinished", eventId, claim.Attempt - 1);
                await RunAsync(EventReader.Read(json), followUp: null, claim, claim.Attempt, budget, lateReport: true).ConfigureAwait(false);
            }
            catch (GuardException e)
            {
                logger.LogWarning(e, "Could not finish event {EventId} now; it stays for the next invocation", eventId);
            }
        }
    }

    private async Task ReleaseQuietlyAsync(IEventLedger from, LedgerClaim claim, CancellationToken cancellationToken)
    {
        try
        {
            await from.ReleaseAsync(claim, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is GuardException or OperationCanceledException or HttpRequestException or IOException)
        {
            // The lease ends a few seconds after this invocation's deadline; Lambda's retry comes later than that.
            logger.LogWarning(e, "Could not release the claim on {EventId}; a retry can take it once the lease runs out", claim.EventId);
        }
    }

    private async Task<KeyReviewResult> ReviewKeyAsync(GuardEvent guardEvent, RemediationGate gate, InvocationBudget budget, bool lateReport)
    {
        var cancellationToken = budget.Work;
        var instances = await identityCenter.DescribeInstancesAsync(cancellationToken).ConfigureAwait(false);
        var key = await locator.LocateAsync(guardEvent, instances, (instance, token) => KeysInUse.PreviousAsync(state, instance, token), cancellationToken).ConfigureAwait(false);
        if (key is null)
        {
            var why = instances.Any(i => i.Encryption.UsesCustomerManagedKey)
                ? $"the event names {Describe(guardEvent.KeyRefs)}, not a key Identity Center uses"
                : "Identity Center uses no customer managed key";
            return KeyReviewResult.Quiet(Disposition.Ignored, why);
        }

        if (!lateReport)
        {
            await RecoverAbandonedAsync(key.Target.ToString(), guardEvent.EventId, budget).ConfigureAwait(false);
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
        var others = audit.Keys.Where(k => k.Arn != key.Target && k.Findings.Any(f => f.Severity >= Severity.Medium)).ToList();
        if (others.Count == 0)
        {
            return review;
        }

        var findings = others.SelectMany(k => k.Findings).Where(f => f.Severity >= Severity.Medium).ToList();
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
        if (FollowUps is null || attempt > FollowUpSchedule.MaxAttempts || guardEvent.Raw is not { } raw || guardEvent.EventId is not { } eventId)
        {
            return null;
        }

        var delay = FollowUpSchedule.DelayBefore(attempt);
        var since = current?.UpdatingSince ?? time.GetUtcNow();
        await followUpEvents.KeepFollowUpEventAsync(eventId, raw, time.GetUtcNow() + FollowUpEventLifetime, cancellationToken).ConfigureAwait(false);
        await FollowUps.ScheduleAsync(new FollowUp(eventId, attempt, since), delay, cancellationToken).ConfigureAwait(false);
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
            catch (AwsCallException e) when (e.ErrorCode == "ResourceNotFoundException")
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

        return await encryptionReview.ReviewAsync(guardEvent, instance, gate, followUp, cancellationToken).ConfigureAwait(false) with { Scope = null };
    }

    private GuardResult Ignore(GuardEvent guardEvent, string reason)
    {
        logger.LogDebug("Ignored {EventName} {EventId}: {Reason}", guardEvent.EventName, guardEvent.EventId, reason);
        return new GuardResult(guardEvent, Disposition.Ignored, reason, null, null);
    }

    private static string Describe(IReadOnlyList<string> keyRefs) =>
        keyRefs.Count == 0 ? "no key" : string.Join(", ", keyRefs);
}
