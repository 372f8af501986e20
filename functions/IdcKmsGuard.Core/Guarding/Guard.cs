using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Delivery;
using IdcKmsGuard.Core.Errors;
using IdcKmsGuard.Core.Events;
using IdcKmsGuard.Core.FollowUps;
using IdcKmsGuard.Core.Ports;
using IdcKmsGuard.Core.State;
using Microsoft.Extensions.Logging;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>
/// The whole path for one event: claim it, decide by its trigger (a key, Identity Center's encryption, the sweep), and
/// finish. Each step lives in its own type: <see cref="AttemptRunner"/> runs an attempt and ends it, the reviews
/// re-read and remediate, <see cref="EventReporter"/> publishes and keeps incidents, <see cref="SweepRun"/> sweeps.
/// A failure that may pass fails the invocation so that Lambda delivers the event again; the last delivery reports
/// whatever it found.
/// </summary>
public sealed class Guard
{
    private readonly IKeyStore keys;
    private readonly GuardOptions options;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly GuardStores stores;
    private readonly AttemptRunner attempts;
    private readonly EventReporter reporter;
    private readonly ConfigurationNotices configurationNotices;
    private readonly FollowUpPlanner followUps;
    private readonly AbandonedJournals abandoned;
    private readonly KeyEventReview keyEvents;
    private readonly InstanceEventReview instanceEvents;
    private readonly SweepRun sweeps;

    /// <param name="configuration">The tunable configuration, read per event (the provider caches it); null: the defaults.
    /// A snapshot with a fault (a refused or unreadable document) raises one GUARD-CONFIG alert per fault.</param>
    /// <param name="stores">What the guard remembers between invocations; null: nothing (<see cref="GuardStores.Stateless"/>).</param>
    public Guard(
        IIdentityCenter identityCenter,
        IKeyStore keys,
        IAlertPublisher publisher,
        GuardOptions options,
        TimeProvider time,
        ILogger logger,
        Func<CancellationToken, Task<ConfigurationSnapshot>>? configuration = null,
        GuardStores? stores = null)
    {
        this.keys = keys;
        this.options = options;
        this.time = time;
        this.logger = logger;
        this.stores = stores ??= GuardStores.Stateless;
        var composer = new AlertComposer(time);
        var outbox = new AlertOutbox(publisher, stores.Alerts, logger);
        var incidents = new IncidentBook(stores.Incidents, time);
        var keysInUse = new KeyInUseTracker(stores.KeysInUse);
        var auditor = new Auditing.Auditor(identityCenter, keys, options, time);
        var keyReview = new KeyReview(keys, options, stores.KnownGoodPolicies, time);
        reporter = new EventReporter(outbox, composer, incidents, logger);
        configurationNotices = new ConfigurationNotices(outbox, composer, stores.ConfigurationHistory, time, logger);
        followUps = new FollowUpPlanner(stores.FollowUpEvents, time, logger);
        var evidence = new ChangeEvidence(keys, identityCenter);
        attempts = new AttemptRunner(
            stores.Events,
            evidence,
            options,
            configuration ?? (_ => Task.FromResult(ConfigurationSnapshot.Defaults)),
            reporter,
            time,
            logger);
        abandoned = new AbandonedJournals(stores.Events, attempts, (attempt, budget) => attempts.RunAsync(attempt, budget, DecideAsync), logger);
        keyEvents = new KeyEventReview(identityCenter, new ProtectedKeyLocator(keys), keysInUse, keyReview, auditor, abandoned);
        var encryptionReview = new EncryptionReview(identityCenter, keys, options, stores, time, auditor);
        instanceEvents = new InstanceEventReview(identityCenter, encryptionReview);
        var alertPath = new AlertPathCheck(keys, options.AlertTopicKeyArn);
        sweeps = new SweepRun(new SweepReview(auditor, keyReview, keysInUse, time), incidents, outbox, composer, alertPath, logger);
    }

    /// <summary>Re-checks switches that are still UPDATING; null: the first alert tells people to check by hand.</summary>
    public IFollowUpScheduler? FollowUps { get => followUps.Scheduler; init => followUps.Scheduler = value; }

    public FollowUpSchedule FollowUpSchedule { get => followUps.Schedule; init => followUps.Schedule = value; }

    /// <summary>Who wrote a configuration version (SSM's parameter history), for GUARD-CONFIG-CHANGED; null: not said.</summary>
    public IConfigurationAuthors? ConfigurationAuthors { get => configurationNotices.Authors; init => configurationNotices.Authors = value; }

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
        var guardEvent = await followUps.EventOfAsync(followUp, budget.Work).ConfigureAwait(false);
        return await HandleAsync(guardEvent, followUp, budget).ConfigureAwait(false);
    }

    private async Task<GuardResult> HandleAsync(GuardEvent guardEvent, FollowUp? followUp, InvocationBudget budget)
    {
        ArgumentNullException.ThrowIfNull(guardEvent);
        ArgumentNullException.ThrowIfNull(budget);
        if (guardEvent.Trigger == Trigger.Unsupported)
        {
            return reporter.Ignore(guardEvent, $"{guardEvent.EventName} from {guardEvent.EventSource} is not an event the guard acts on");
        }

        // A follow-up is delivered by SQS (up to its receive limit), an event by Lambda's asynchronous retries.
        var deliveries = followUp is null ? options.DeliveryAttempts : options.FollowUpAttempts;
        var claim = guardEvent.EventId is { } originalId
            ? await ClaimAsync(followUp is null ? originalId : $"{originalId}#follow-up-{followUp.Attempt}", budget).ConfigureAwait(false)
            : LedgerClaim.Unrecorded("-");
        if (claim.Status == EventClaim.AlreadyDone)
        {
            var reason = $"event {claim.EventId} was handled already (a repeated delivery)";
            logger.LogInformation("Duplicate {EventName}: {Reason}", guardEvent.EventName, reason);
            return new GuardResult(guardEvent, Disposition.Duplicate, reason, null, null);
        }

        return await attempts.RunAsync(new EventAttempt(guardEvent, followUp, claim, deliveries, LateReport: false), budget, DecideAsync).ConfigureAwait(false);
    }

    private async Task<LedgerClaim> ClaimAsync(string eventId, InvocationBudget budget)
    {
        LedgerClaim claim;
        try
        {
            claim = await stores.Events.ClaimAsync(eventId, budget.LeaseUntil, budget.Work).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (budget.WorkStopped)
        {
            throw new RetryLaterException(
                RetryLaterException.DeadlineExceeded,
                $"Event {eventId} could not be claimed before the deadline; nothing was changed.",
                e);
        }

        // Never "done" while someone else may still fail: Lambda's retry finds it finished, or free to take.
        return claim.Status == EventClaim.InProgress
            ? throw new RetryLaterException(
                RetryLaterException.EventInProgress,
                $"Event {eventId} is being handled by another invocation; this delivery is retried later.")
            : claim;
    }

    private async Task<GuardResult> DecideAsync(EventAttempt attempt, ChangeJournal journal, ConfigurationSnapshot snapshot, InvocationBudget budget)
    {
        var guardEvent = attempt.Event;
        if (snapshot.FailClosed && !journal.IsLastAttempt)
        {
            throw new RetryLaterException(
                RetryLaterException.ConfigurationUnavailable,
                $"The configuration cannot be read ({snapshot.Fault?.Message}) and none was read before: "
                + "nothing is decided on the defaults; Lambda retries the event.");
        }

        await configurationNotices.AnnounceAsync(guardEvent, snapshot, budget.Work).ConfigureAwait(false);
        var gate = GateFor(attempt, journal, snapshot);
        KeyReviewResult review;
        try
        {
            if (guardEvent.Trigger == Trigger.Sweep)
            {
                return await SweepAsync(attempt, journal, gate, budget).ConfigureAwait(false);
            }

            review = guardEvent.Trigger is Trigger.IdentityCenterEncryptionChanged or Trigger.IdentityCenterRegionChanged
                ? await instanceEvents.ReviewAsync(guardEvent, gate, attempt.FollowUp, budget.Work).ConfigureAwait(false)
                : await keyEvents.ReviewAsync(guardEvent, gate, budget, attempt.LateReport).ConfigureAwait(false);
        }
        catch (AwsCallException e) when (journal.IsLastAttempt || !e.IsTransient)
        {
            // A refusal (access denied, an invalid request) will not pass with a retry: report it now.
            review = Unfinished.Review(guardEvent, journal, e);
        }

        ThrowIfRetryWanted(journal);
        if (review.Updating && await followUps.ScheduleAsync(guardEvent, attempt.FollowUp, budget.Work).ConfigureAwait(false) is { } scheduled)
        {
            return new GuardResult(guardEvent, Disposition.FollowUpScheduled, scheduled, null, null)
            {
                Rules = EvaluatedRules.For(guardEvent, snapshot.Configuration, null),
            };
        }

        return await reporter.ReportAsync(guardEvent, review, snapshot.Configuration, budget.Work).ConfigureAwait(false);
    }

    private async Task<GuardResult> SweepAsync(EventAttempt attempt, ChangeJournal journal, RemediationGate gate, InvocationBudget budget)
    {
        if (!attempt.LateReport)
        {
            await abandoned.FinishAsync(scope: null, attempt.Event.EventId, budget).ConfigureAwait(false);
        }

        var swept = await sweeps.RunAsync(attempt.Event, gate, budget.Work).ConfigureAwait(false);
        ThrowIfRetryWanted(journal);
        return swept;
    }

    private RemediationGate GateFor(EventAttempt attempt, ChangeJournal journal, ConfigurationSnapshot snapshot) =>
        new(keys, options, snapshot.Configuration, attempt.Event, time, journal, stores.ExemptChanges)
        {
            HeldBack = attempt.LateReport
                ? "this is a late report of an earlier attempt that was interrupted; the event or sweep that found it checks the key itself."
                : snapshot.FailClosed
                    ? $"the configuration cannot be read ({snapshot.Fault?.Message}) and none was read before, "
                        + "so the guard changes nothing and only reports (fail closed)."
                    : null,
        };

    private static void ThrowIfRetryWanted(ChangeJournal journal)
    {
        if (journal.WantsRetry)
        {
            throw new RetryLaterException(
                RetryLaterException.TransientFailure,
                $"Attempt {journal.Attempt} could not finish ({string.Join("; ", journal.TransientFailures)}); "
                + "what it changed is journaled and Lambda's retry finishes it.");
        }
    }
}
