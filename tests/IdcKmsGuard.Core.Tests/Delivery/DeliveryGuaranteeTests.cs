using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Delivery;
using IdcKmsGuard.Core.Errors;
using IdcKmsGuard.Core.Events;
using IdcKmsGuard.Core.Guarding;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.State;
using IdcKmsGuard.Core.Tests.Guarding;
using IdcKmsGuard.Core.Tests.Support;
using IdcKmsGuard.Testing;

namespace IdcKmsGuard.Core.Tests.Delivery;

/// <summary>Claims, journals and the configuration: nothing answered "done" that is not, nothing decided on guesses.</summary>
public sealed class DeliveryGuaranteeTests
{
    private const string EventId = "7f1d9a3b-0000-4000-9000-000000000003";

    [Fact]
    public async Task Handle_WhenAnotherInvocationHoldsTheEvent_ShouldFailForARetryInsteadOfAnsweringDuplicate()
    {
        var scenario = new GuardScenario(KeyState.Disabled);
        await scenario.State.ClaimAsync(EventId, GuardScenario.Now + TimeSpan.FromMinutes(1), CancellationToken.None);

        var failure = await Assert.ThrowsAsync<RetryLaterException>(() => scenario.HandleAsync("kms-disable-key.json"));

        Assert.Equal(RetryLaterException.EventInProgress, failure.ErrorType);
        Assert.DoesNotContain(scenario.Keys.Calls, c => c.StartsWith("EnableKey", StringComparison.Ordinal));
    }

    // An earlier delivery enabled the key and died without giving the event back; the last delivery arrives while its
    // lease still runs. No later delivery would report the fix, so the last one waits out the lease and takes over.
    [Fact]
    public async Task Handle_WhenTheLastDeliveryFindsADeadHolderWhoseLeaseEndsInTime_ShouldWaitTakeOverAndReportTheFix()
    {
        var scenario = new GuardScenario(KeyState.Enabled, deliveryAttempts: 3);
        Abandon(scenario, EventId, null, new JournaledChange("EnableKey", GuardScenario.Key.ToString(), ChangeStatus.Planned, "Enabled the key."));
        var held = await scenario.State.ClaimAsync(EventId, GuardScenario.Now + TimeSpan.FromSeconds(1), CancellationToken.None);
        Assert.Equal((EventClaim.Claimed, 2), (held.Status, held.Attempt));
        using var budget = InvocationBudget.Until(GuardScenario.Now + TimeSpan.FromSeconds(60), scenario.Time, CancellationToken.None);

        var handling = scenario.Guard.HandleAsync(EventReader.Read(File.ReadAllText(RepoPaths.EventFile("kms-disable-key.json"))), budget);
        while (!handling.IsCompleted)
        {
            scenario.Time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(5);
        }

        var result = await handling;
        Assert.Equal(AlertOutcome.Fixed, result.Alert!.Outcome);
        Assert.DoesNotContain(scenario.Keys.Calls, c => c.StartsWith("EnableKey", StringComparison.Ordinal));
    }

    // The same holder, but its lease outlasts what this delivery has: it must not wait into its own deadline.
    [Fact]
    public async Task Handle_WhenTheHoldersLeaseOutlastsTheLastDelivery_ShouldFailForARetryAtOnce()
    {
        var scenario = new GuardScenario(KeyState.Enabled, deliveryAttempts: 3);
        Abandon(scenario, EventId, null, new JournaledChange("EnableKey", GuardScenario.Key.ToString(), ChangeStatus.Planned, "Enabled the key."));
        await scenario.State.ClaimAsync(EventId, GuardScenario.Now + TimeSpan.FromSeconds(65), CancellationToken.None);
        using var budget = InvocationBudget.Until(GuardScenario.Now + TimeSpan.FromSeconds(60), scenario.Time, CancellationToken.None);

        var failure = await Assert.ThrowsAsync<RetryLaterException>(
            () => scenario.Guard.HandleAsync(EventReader.Read(File.ReadAllText(RepoPaths.EventFile("kms-disable-key.json"))), budget));

        Assert.Equal(RetryLaterException.EventInProgress, failure.ErrorType);
    }

    [Fact]
    public async Task Handle_WhenAnEarlierAttemptSentEnableKeyAndStopped_ShouldSettleItByReReadingAndReportTheFix()
    {
        var scenario = new GuardScenario(KeyState.Enabled);
        Abandon(scenario, EventId, null, new JournaledChange("EnableKey", GuardScenario.Key.ToString(), ChangeStatus.Planned, "Enabled the key."));

        var result = await scenario.HandleAsync("kms-disable-key.json");

        Assert.DoesNotContain(scenario.Keys.Calls, c => c.StartsWith("EnableKey", StringComparison.Ordinal));
        Assert.Equal(AlertOutcome.Fixed, result.Alert!.Outcome);
        Assert.Equal("Disabled", result.Alert.KeyStateBefore);
        Assert.Contains("a re-read shows it took effect", result.Alert.Steps[0].Detail, StringComparison.Ordinal);
        Assert.Equal(AlertIds.For(EventId, GuardScenario.Key.ToString()), scenario.Publisher.Published[0].Attributes["alert_id"]);
    }

    [Fact]
    public async Task Handle_WhenAnEarlierAttemptsChangeDidNotTakeEffect_ShouldMakeItNowAndReportItOnce()
    {
        var scenario = new GuardScenario(KeyState.Disabled);
        Abandon(scenario, EventId, null, new JournaledChange("EnableKey", GuardScenario.Key.ToString(), ChangeStatus.Planned, "Enabled the key."));

        var result = await scenario.HandleAsync("kms-disable-key.json");

        Assert.Equal([("EnableKey", StepStatus.Fixed)], result.Alert!.Steps.Select(s => (s.Action, s.Status)));
        Assert.Equal(KeyState.Enabled, scenario.Keys.StateOf(GuardScenario.Key));
    }

    // A hung PutKeyPolicy can land after the retry's first re-read said "not in effect" and before its own review read
    // the policy: the review finds the key healthy and sends nothing, so only a later re-read can tell the alert it worked.
    [Fact]
    public async Task Handle_WhenAnEarlierAttemptsChangeLandsAfterTheFirstReRead_ShouldReportItDone()
    {
        const string RootOnly = """{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}""";
        var repaired = File.ReadAllText(Path.Combine(IdcKmsGuard.Testing.RepoPaths.Reference, "key-policies", "key-policy-baseline-2026.json"));
        var scenario = new GuardScenario(KeyState.Enabled, policy: RootOnly);
        var sent = new JournaledChange("PutKeyPolicy", GuardScenario.Key.ToString(), ChangeStatus.Planned, "Applied the repaired policy.", ChangeEvidence.Sha256(repaired));
        var journal = new EventJournal(null, [new ScopeJournal(GuardScenario.Key.ToString(), "Enabled", [new Finding("KEY-POLICY-HEALTHY", Severity.Critical, "sso.amazonaws.com may not decrypt.")], [sent])]);
        scenario.State.Events["7f1d9a3b-0000-4000-9000-000000000001"] = new LedgerEntry("released", null, DateTimeOffset.MinValue, 1, journal, GuardScenario.Key.ToString());
        scenario.Keys.AfterPolicyRead = reads =>
        {
            if (reads == 0)
            {
                scenario.Keys.PutKeyPolicyAsync(GuardScenario.Key, repaired, CancellationToken.None).GetAwaiter().GetResult();
            }
        };

        var result = await scenario.HandleAsync("kms-put-key-policy.json");

        var step = Assert.Single(result.Alert!.Steps);
        Assert.Equal(("PutKeyPolicy", StepStatus.Fixed), (step.Action, step.Status));
        Assert.Contains("took effect late", step.Detail, StringComparison.Ordinal);
        Assert.Single(scenario.Keys.Calls, c => c.StartsWith("PutKeyPolicy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sweep_WhenAnotherEventsJournalWasAbandoned_ShouldReportItLateWithoutChangingAnything()
    {
        var scenario = new GuardScenario(KeyState.Enabled);
        scenario.Keys.RotationEnabled.Add(GuardScenario.Key.ToString());
        Abandon(scenario, EventId, GuardScenario.EventJson("kms-disable-key.json"), new JournaledChange("EnableKey", GuardScenario.Key.ToString(), ChangeStatus.Applied, "Enabled the key."));

        var sweep = await scenario.HandleAsync("scheduled-event.json");

        var late = Assert.Single(scenario.Publisher.Published);
        Assert.Equal("fixed", late.Attributes["outcome"]);
        Assert.Equal(AlertIds.For(EventId, GuardScenario.Key.ToString()), late.Attributes["alert_id"]);
        Assert.Contains(EventId, late.Json, StringComparison.Ordinal);
        Assert.Equal("done", scenario.State.Events[EventId].Status);
        Assert.Equal(Disposition.Healthy, sweep.Disposition);
        Assert.DoesNotContain(scenario.Keys.Calls, c => c.StartsWith("EnableKey", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Handle_WhenTheEventCannotBeMarkedDoneAfterItsAlert_ShouldRepeatOnlyTheSameAlertOnTheRetry()
    {
        var scenario = new GuardScenario(KeyState.Disabled);
        scenario.State.FailCompletions = 1;

        await Assert.ThrowsAsync<AwsCallException>(() => scenario.HandleAsync("kms-disable-key.json"));
        await scenario.HandleAsync("kms-disable-key.json");

        Assert.Equal(2, scenario.Publisher.Published.Count);
        Assert.Single(scenario.Publisher.Published.Select(p => p.Attributes["alert_id"]).Distinct());
        Assert.All(scenario.Publisher.Published, p => Assert.Equal("fixed", p.Attributes["outcome"]));
        Assert.Single(scenario.Keys.Calls, c => c.StartsWith("EnableKey", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sweep_WhenItsAlertCouldNotBePublishedAfterAFix_ShouldReportTheFixOnTheRetry()
    {
        var scenario = new GuardScenario(KeyState.Disabled);
        scenario.Keys.RotationEnabled.Add(GuardScenario.Key.ToString());
        scenario.Publisher.FailNext = true;

        await Assert.ThrowsAsync<InvalidOperationException>(() => scenario.HandleAsync("scheduled-event.json"));
        var retry = await scenario.HandleAsync("scheduled-event.json");

        var alert = Assert.Single(retry.Alerts);
        Assert.Equal(AlertOutcome.Fixed, alert.Outcome);
        Assert.Equal([("EnableKey", StepStatus.Fixed)], alert.Steps.Select(s => (s.Action, s.Status)));
        Assert.Equal("Disabled", alert.KeyStateBefore);
        Assert.Single(scenario.Keys.Calls, c => c.StartsWith("EnableKey", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sweep_WhenAKeysReviewFailsOnTheLastAttempt_ShouldReportWhatTheAuditFoundWithTheFailure()
    {
        var scenario = new GuardScenario(KeyState.Disabled, deliveryAttempts: 1);
        scenario.Keys.RotationEnabled.Add(GuardScenario.Key.ToString());
        scenario.Keys.FailNext("DescribeKey", Fault.Pass, Fault.ServerError);

        var result = await scenario.HandleAsync("scheduled-event.json");

        var alert = Assert.Single(result.Alerts);
        Assert.Contains(alert.Findings, f => f.RuleId == "KEY-ENABLED" && !f.Resolved);
        Assert.Contains(alert.Findings, f => f.RuleId == "GUARD-ACCESS" && f.Message.Contains("could not finish", StringComparison.Ordinal));
        Assert.Equal(1, result.FailedChecks);
    }

    [Fact]
    public async Task Sweep_WhenAKeysReviewFailsOnAnEarlyAttempt_ShouldAskForARetryWithoutAnnouncingIt()
    {
        var scenario = new GuardScenario(KeyState.Disabled);
        scenario.Keys.RotationEnabled.Add(GuardScenario.Key.ToString());
        scenario.Keys.FailNext("DescribeKey", Fault.Pass, Fault.ServerError);

        var failure = await Assert.ThrowsAsync<RetryLaterException>(() => scenario.HandleAsync("scheduled-event.json"));
        var retry = await scenario.HandleAsync("scheduled-event.json");

        Assert.Equal(RetryLaterException.TransientFailure, failure.ErrorType);
        var alert = Assert.Single(retry.Alerts);
        Assert.Equal(AlertOutcome.Fixed, alert.Outcome);
        Assert.Single(scenario.Publisher.Published);
    }

    [Fact]
    public async Task Handle_WhenTheConfigurationWasNeverReadable_ShouldAskForARetryAndChangeNothing()
    {
        var scenario = new GuardScenario(KeyState.Disabled, snapshot: Unreadable());

        var failure = await Assert.ThrowsAsync<RetryLaterException>(() => scenario.HandleAsync("kms-disable-key.json"));

        Assert.Equal(RetryLaterException.ConfigurationUnavailable, failure.ErrorType);
        Assert.Empty(scenario.Keys.Calls);
    }

    [Fact]
    public async Task Handle_WhenTheConfigurationIsStillUnreadableOnTheLastAttempt_ShouldReportAndChangeNothing()
    {
        var scenario = new GuardScenario(KeyState.Disabled, snapshot: Unreadable(), deliveryAttempts: 1);

        var result = await scenario.HandleAsync("kms-disable-key.json");

        Assert.Equal(KeyState.Disabled, scenario.Keys.StateOf(GuardScenario.Key));
        Assert.Equal(AlertOutcome.Alerted, result.Alert!.Outcome);
        Assert.Contains("fail closed", result.Alert.Steps[0].Detail, StringComparison.Ordinal);
        Assert.Contains(scenario.Publisher.Published, p => p.Attributes["rule"] == "GUARD-CONFIG");
    }

    private static ConfigurationSnapshot Unreadable() =>
        ConfigurationSnapshot.Defaults with
        {
            UsingFallback = true,
            Problems = ["cannot read the configuration"],
            Fault = new ConfigurationFault(ConfigurationFaultKind.Unreadable, "unreadable:ssm:ThrottlingException", "cannot read the configuration: throttled"),
            FailClosed = true,
        };

    // What an attempt that changed the key and then died leaves in the ledger: a released claim and its journal.
    private static void Abandon(GuardScenario scenario, string eventId, string? eventJson, JournaledChange change)
    {
        var journal = new EventJournal(eventJson, [new ScopeJournal(GuardScenario.Key.ToString(), "Disabled", [new Finding("KEY-ENABLED", Severity.Critical, "Found the key Disabled.")], [change])]);
        scenario.State.Events[eventId] = new LedgerEntry("released", null, DateTimeOffset.MinValue, 1, journal, GuardScenario.Key.ToString());
    }
}
