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
    private readonly GuardOptions options;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly GuardParts parts;

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
        this.options = options;
        this.time = time;
        this.logger = logger;
        var ports = new GuardPorts(identityCenter, keys, publisher, stores ?? GuardStores.Stateless);
        parts = new GuardParts(ports, options, time, logger, configuration ?? (_ => Task.FromResult(ConfigurationSnapshot.Defaults)), DecideAsync);
    }

    /// <summary>Re-checks switches that are still UPDATING; null: the first alert tells people to check by hand.</summary>
    public IFollowUpScheduler? FollowUps { get => parts.FollowUps.Scheduler; init => parts.FollowUps.Scheduler = value; }

    public FollowUpSchedule FollowUpSchedule { get => parts.FollowUps.Schedule; init => parts.FollowUps.Schedule = value; }

    /// <summary>How bursts of refused calls are announced (<see cref="KeyUseCadence.Standard"/> unless a test says otherwise).</summary>
    public KeyUseCadence KeyUseCadence { get => parts.KeyUse.Cadence; init => parts.KeyUse.Cadence = value; }

    /// <summary>Who wrote a configuration version (SSM's parameter history), for GUARD-CONFIG-CHANGED; null: not said.</summary>
    public IConfigurationAuthors? ConfigurationAuthors { get => parts.ConfigurationNotices.Authors; init => parts.ConfigurationNotices.Authors = value; }

    public Task<GuardResult> HandleAsync(GuardEvent guardEvent, CancellationToken cancellationToken) =>
        HandleAsync(guardEvent, followUp: null, InvocationBudget.Unbounded(time, cancellationToken));

    /// <exception cref="RetryLaterException">The event is not finished: Lambda should deliver it again.</exception>
    public Task<GuardResult> HandleAsync(GuardEvent guardEvent, InvocationBudget budget) =>
        HandleAsync(guardEvent, followUp: null, budget);

    /// <summary>Which burst a refused call of Identity Center counts in: refusals are batched per burst.</summary>
    public static string KeyUseBurstOf(GuardEvent refusal) => KeyUseBursts.KeyIdOf(refusal);

    /// <summary>
    /// Refused calls of Identity Center to one key (<see cref="KeyUseBurstOf"/> alike), delivered in a batch: counted,
    /// and the first of a burst, or a due update, reviewed and alerted on like any event.
    /// </summary>
    /// <exception cref="RetryLaterException">The review is not finished: the batch should be delivered again.</exception>
    public Task<GuardResult> KeyUseFailuresAsync(IReadOnlyList<GuardEvent> refusals, InvocationBudget budget) =>
        parts.KeyUse.CountAsync(refusals, budget, HandleAsync);

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
        var guardEvent = await parts.FollowUps.EventOfAsync(followUp, budget.Work).ConfigureAwait(false);
        return guardEvent.Trigger == Trigger.KeyUseFailed
            ? await parts.KeyUse.QuietCheckAsync(guardEvent, followUp, budget, HandleAsync).ConfigureAwait(false)
            : await HandleAsync(guardEvent, followUp, budget).ConfigureAwait(false);
    }

    private async Task<GuardResult> HandleAsync(GuardEvent guardEvent, FollowUp? followUp, InvocationBudget budget)
    {
        ArgumentNullException.ThrowIfNull(guardEvent);
        ArgumentNullException.ThrowIfNull(budget);
        if (guardEvent.Trigger == Trigger.Unsupported)
        {
            return parts.Reporter.Ignore(guardEvent, $"{guardEvent.EventName} from {guardEvent.EventSource} is not an event the guard acts on");
        }

        // What the attempt reads first is started now, alongside the claim: the calls overlap instead of queueing.
        // The claim leaves first: it is the slowest of them (a conditional write), and a client's first call does
        // set-up work before its request leaves, which would otherwise hold the claim back.
        using var reads = ReadAhead.Begin(budget.Work);

        // A follow-up is delivered by SQS (up to its receive limit), an event by Lambda's asynchronous retries.
        var deliveries = followUp is null ? options.DeliveryAttempts : options.FollowUpAttempts;
        var claiming = guardEvent.EventId is { } originalId
            ? parts.Attempts.ClaimAsync(followUp is null ? originalId : $"{originalId}#follow-up-{followUp.Attempt}", deliveries, budget)
            : Task.FromResult(LedgerClaim.Unrecorded("-"));
        ReadAhead.Start(AheadReads.Configuration, async c =>
        {
            var snapshot = await parts.Configuration(c).ConfigureAwait(false);
            parts.ConfigurationNotices.StartReads(snapshot);
            return snapshot;
        });
        if (IsAboutAKey(guardEvent.Trigger))
        {
            parts.KeyEvents.StartReads(guardEvent);
        }

        var claim = await claiming.ConfigureAwait(false);
        if (claim.Status == EventClaim.AlreadyDone)
        {
            var reason = $"event {claim.EventId} was handled already (a repeated delivery)";
            logger.LogInformation("Duplicate {EventName}: {Reason}", guardEvent.EventName, reason);
            return new GuardResult(guardEvent, Disposition.Duplicate, reason, null, null);
        }

        var attempt = new EventAttempt(guardEvent, followUp, claim, deliveries, LateReport: false);
        return await parts.Attempts.RunAsync(attempt, budget, DecideAsync).ConfigureAwait(false);
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

        await parts.ConfigurationNotices.AnnounceAsync(guardEvent, snapshot, budget.Work).ConfigureAwait(false);
        var gate = parts.GateFor(attempt, journal, snapshot);
        KeyReviewResult review;
        try
        {
            if (guardEvent.Trigger == Trigger.Sweep)
            {
                return await SweepAsync(attempt, journal, gate, budget).ConfigureAwait(false);
            }

            review = IsAboutAKey(guardEvent.Trigger)
                ? await parts.KeyEvents.ReviewAsync(guardEvent, gate, budget, attempt.LateReport).ConfigureAwait(false)
                : await parts.InstanceEvents.ReviewAsync(guardEvent, gate, attempt.FollowUp, budget.Work).ConfigureAwait(false);
        }
        catch (AwsCallException e) when (journal.IsLastAttempt || !e.IsTransient)
        {
            // A refusal (access denied, an invalid request) will not pass with a retry: report it now.
            review = Unfinished.Review(guardEvent, journal, e);
        }

        ThrowIfRetryWanted(journal);
        if (review.Updating && await parts.FollowUps.ScheduleAsync(guardEvent, attempt.FollowUp, budget.Work).ConfigureAwait(false) is { } scheduled)
        {
            return new GuardResult(guardEvent, Disposition.FollowUpScheduled, scheduled, null, null)
            {
                Rules = EvaluatedRules.For(review.Considered, snapshot.Configuration, null),
            };
        }

        return await parts.Reporter.ReportAsync(guardEvent, review, snapshot.Configuration, budget.Work).ConfigureAwait(false);
    }

    private async Task<GuardResult> SweepAsync(EventAttempt attempt, ChangeJournal journal, RemediationGate gate, InvocationBudget budget)
    {
        if (!attempt.LateReport)
        {
            await parts.Abandoned.FinishAsync(scope: null, attempt.Event.EventId, budget).ConfigureAwait(false);
        }

        var swept = await parts.Sweeps.RunAsync(attempt.Event, gate, budget.Work).ConfigureAwait(false);
        ThrowIfRetryWanted(journal);
        return swept;
    }

    private static bool IsAboutAKey(Trigger trigger) =>
        trigger is not (Trigger.IdentityCenterEncryptionChanged or Trigger.IdentityCenterRegionChanged or Trigger.Sweep or Trigger.Unsupported);

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
