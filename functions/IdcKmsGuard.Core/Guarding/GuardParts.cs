using IdcKmsGuard.Core.Auditing;
using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Delivery;
using IdcKmsGuard.Core.Ports;
using IdcKmsGuard.Core.State;
using Microsoft.Extensions.Logging;

namespace IdcKmsGuard.Core.Guarding;

/// <summary>What the guard reaches outside itself: Identity Center, KMS, the alert channel and its memory.</summary>
internal sealed record GuardPorts(IIdentityCenter IdentityCenter, IKeyStore Keys, IAlertPublisher Publisher, GuardStores Stores);

/// <summary>The guard's types wired together once per process: the router (<see cref="Guard"/>) only dispatches to them.</summary>
internal sealed class GuardParts
{
    private readonly GuardPorts ports;
    private readonly GuardOptions options;
    private readonly TimeProvider time;

    public GuardParts(
        GuardPorts ports,
        GuardOptions options,
        TimeProvider time,
        ILogger logger,
        Func<CancellationToken, Task<ConfigurationSnapshot>> configuration,
        AttemptRunner.Decision decide)
    {
        this.ports = ports;
        this.options = options;
        this.time = time;
        Configuration = configuration;
        var (identityCenter, keys, stores) = (ports.IdentityCenter, ports.Keys, ports.Stores);
        var composer = new AlertComposer(time);
        var outbox = new AlertOutbox(ports.Publisher, stores.Alerts, options.AlertFormat, logger);
        var incidents = new IncidentBook(stores.Incidents, time);
        var keysInUse = new KeyInUseTracker(stores.KeysInUse);
        var auditor = new Auditor(identityCenter, keys, options, time);
        var keyReview = new KeyReview(keys, options, stores.KnownGoodPolicies, time, logger);
        Reporter = new EventReporter(outbox, composer, incidents, logger);
        ConfigurationNotices = new ConfigurationNotices(outbox, composer, stores.ConfigurationHistory, time, logger);
        FollowUps = new FollowUpPlanner(stores.FollowUpEvents, time, logger);
        KeyUse = new KeyUseBursts(stores.KeyUseTallies, FollowUps, time, logger);
        Attempts = new AttemptRunner(stores.Events, new ChangeEvidence(keys, identityCenter), options, configuration, Reporter, time, logger);
        Abandoned = new AbandonedJournals(stores.Events, Attempts, decide, logger);
        var keyReads = new KeyReadsAhead(keys, stores.Events, stores.Incidents);
        KeyEvents = new KeyEventReview(identityCenter, new ProtectedKeyLocator(keys), keysInUse, keyReview, auditor, Abandoned, keyReads);
        InstanceEvents = new InstanceEventReview(identityCenter, new EncryptionReview(identityCenter, keys, options, stores, time, auditor));
        var alertPath = new AlertPathCheck(keys, ports.Publisher, options);
        Sweeps = new SweepRun(new SweepReview(auditor, keyReview, keysInUse, time), incidents, outbox, composer, alertPath, logger);
    }

    /// <summary>The tunable configuration as of now (the provider caches it).</summary>
    public Func<CancellationToken, Task<ConfigurationSnapshot>> Configuration { get; }

    public AttemptRunner Attempts { get; }

    public EventReporter Reporter { get; }

    public ConfigurationNotices ConfigurationNotices { get; }

    public FollowUpPlanner FollowUps { get; }

    public KeyUseBursts KeyUse { get; }

    public AbandonedJournals Abandoned { get; }

    public KeyEventReview KeyEvents { get; }

    public InstanceEventReview InstanceEvents { get; }

    public SweepRun Sweeps { get; }

    /// <summary>What this attempt may change: a late report and a fail-closed configuration change nothing.</summary>
    public RemediationGate GateFor(EventAttempt attempt, ChangeJournal journal, ConfigurationSnapshot snapshot) =>
        new(
            ports.Keys,
            options,
            snapshot.Configuration,
            attempt.Event,
            time,
            journal,
            new ChangeCauses(attempt.Event, ports.Stores.Incidents, journal.Memory, options.GuardRoleArn, time))
        {
            HeldBack = attempt.LateReport
                ? "this is a late report of an earlier attempt that was interrupted; the event or sweep that found it checks the key itself."
                : snapshot.FailClosed
                    ? $"the configuration cannot be read ({snapshot.Fault?.Message}) and none was read before, "
                        + "so the guard changes nothing and only reports (fail closed)."
                    : null,
        };
}
