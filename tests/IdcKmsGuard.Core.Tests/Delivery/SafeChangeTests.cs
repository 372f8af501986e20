using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Errors;
using IdcKmsGuard.Core.Guarding;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.Rules;
using IdcKmsGuard.Core.State;
using IdcKmsGuard.Core.Tests.Guarding;
using IdcKmsGuard.Core.Tests.Support;

namespace IdcKmsGuard.Core.Tests.Delivery;

/// <summary>
/// Changes under faults: journaled before they are sent, resent after throttling, re-read (never resent blindly)
/// after an answer that may have been lost, and retried through Lambda when a failure may pass.
/// </summary>
public sealed class SafeChangeTests
{
    private const string EventId = "7f1d9a3b-0000-4000-9000-000000000003";

    [Fact]
    public async Task Handle_WhenEnableKeyIsThrottledOnce_ShouldSendItAgainAndReportItFixed()
    {
        var scenario = new GuardScenario(KeyState.Disabled);
        scenario.Keys.FailNext("EnableKey", Fault.Throttled);

        var result = await scenario.HandleAsync("kms-disable-key.json");

        Assert.Equal(AlertOutcome.Fixed, result.Alert!.Outcome);
        Assert.Equal(2, scenario.Keys.Calls.Count(c => c.StartsWith("EnableKey", StringComparison.Ordinal)));
        Assert.Equal(KeyState.Enabled, scenario.Keys.StateOf(GuardScenario.Key));
    }

    [Fact]
    public async Task Handle_WhenTheAnswerToEnableKeyIsLost_ShouldReReadInsteadOfSendingItAgain()
    {
        var scenario = new GuardScenario(KeyState.Disabled);
        scenario.Keys.FailNext("EnableKey", Fault.Lost);

        var result = await scenario.HandleAsync("kms-disable-key.json");

        Assert.Single(scenario.Keys.Calls, c => c.StartsWith("EnableKey", StringComparison.Ordinal));
        var step = Assert.Single(result.Alert!.Steps);
        Assert.Equal(StepStatus.Fixed, step.Status);
        Assert.Contains("the answer was lost", step.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_WhenTheAnswerToCancelKeyDeletionIsLost_ShouldNotResendItAndStillEnableTheKey()
    {
        var scenario = new GuardScenario(KeyState.PendingDeletion);
        scenario.Keys.FailNext("CancelKeyDeletion", Fault.Lost);

        var result = await scenario.HandleAsync("kms-schedule-key-deletion.json");

        Assert.Single(scenario.Keys.Calls, c => c.StartsWith("CancelKeyDeletion", StringComparison.Ordinal));
        Assert.Equal([("CancelKeyDeletion", StepStatus.Fixed), ("EnableKey", StepStatus.Fixed)], result.Alert!.Steps.Select(s => (s.Action, s.Status)));
        Assert.Equal(KeyState.Enabled, scenario.Keys.StateOf(GuardScenario.Key));
    }

    [Fact]
    public async Task Handle_WhenAChangeKeepsFailingOnAnEarlyAttempt_ShouldAskLambdaToRetryAndReportOneFixOnTheRetry()
    {
        var scenario = new GuardScenario(KeyState.Disabled);
        scenario.Keys.FailNext("EnableKey", Fault.ServerError, Fault.ServerError, Fault.ServerError, Fault.ServerError);

        var failed = await Assert.ThrowsAsync<RetryLaterException>(() => scenario.HandleAsync("kms-disable-key.json"));
        var retry = await scenario.HandleAsync("kms-disable-key.json");

        Assert.Equal(RetryLaterException.TransientFailure, failed.ErrorType);
        var published = Assert.Single(scenario.Publisher.Published);
        Assert.Equal("fixed", published.Attributes["outcome"]);
        Assert.Equal([("EnableKey", StepStatus.Fixed)], retry.Alert!.Steps.Select(s => (s.Action, s.Status)));
        Assert.Equal("Disabled", retry.Alert.KeyStateBefore);
        Assert.Equal(KeyState.Enabled, scenario.Keys.StateOf(GuardScenario.Key));
    }

    [Fact]
    public async Task Handle_WhenAChangeKeepsFailingOnTheLastAttempt_ShouldReportItFailedAndFinish()
    {
        var scenario = new GuardScenario(KeyState.Disabled, deliveryAttempts: 1);
        scenario.Keys.FailNext("EnableKey", Fault.ServerError, Fault.ServerError, Fault.ServerError, Fault.ServerError);

        var result = await scenario.HandleAsync("kms-disable-key.json");

        Assert.Equal(AlertOutcome.Failed, result.Alert!.Outcome);
        Assert.Contains("did not take effect", result.Alert.Steps[0].Detail, StringComparison.Ordinal);
        Assert.Equal("done", scenario.State.Events[EventId].Status);
    }

    [Fact]
    public async Task Handle_WhenTheGuardEnablesTheKey_ShouldJournalItOnceBeforeSendingIt()
    {
        var scenario = new GuardScenario(KeyState.Disabled);

        var result = await scenario.HandleAsync("kms-disable-key.json");

        Assert.Equal(AlertOutcome.Fixed, result.Alert!.Outcome);
        Assert.Equal(1, scenario.State.JournalWrites);
        Assert.Equal("done", scenario.State.Events[EventId].Status);
    }

    [Fact]
    public async Task Handle_WhenTheAlertFailsAfterTheFix_ShouldGiveTheEventBackWithTheAnswerJournaled()
    {
        var scenario = new GuardScenario(KeyState.Disabled);
        scenario.Publisher.FailNext = true;

        await Assert.ThrowsAsync<InvalidOperationException>(() => scenario.HandleAsync("kms-disable-key.json"));
        var kept = Assert.Single(Assert.Single(scenario.State.Events[EventId].Journal!.Scopes).Changes);
        var retried = await scenario.HandleAsync("kms-disable-key.json");

        Assert.Equal(("EnableKey", ChangeStatus.Applied), (kept.Action, kept.Status));
        Assert.Contains(EventId, scenario.State.Released);
        var step = Assert.Single(retried.Alert!.Steps);
        Assert.Equal((StepStatus.Fixed, kept.Detail), (step.Status, step.Detail));
        Assert.Single(scenario.Keys.Calls, c => c.StartsWith("EnableKey", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Handle_WhenTheAnswerCannotBeJournaledAfterTheFix_ShouldReportTheFixBeforeGivingUp()
    {
        var scenario = new GuardScenario(KeyState.Disabled);
        scenario.Keys.BeforeNextEnable = _ => scenario.State.FailJournalWrites = 10;
        scenario.Publisher.FailNext = true;

        await Assert.ThrowsAsync<InvalidOperationException>(() => scenario.HandleAsync("kms-disable-key.json"));

        var reported = Assert.Single(scenario.Publisher.Published);
        Assert.Contains("\"EnableKey\"", reported.Json, StringComparison.Ordinal);
        Assert.Equal(KeyState.Enabled, scenario.Keys.StateOf(GuardScenario.Key));
    }

    // News never waits on the ledger, which only paces repeats.
    [Fact]
    public async Task Handle_WhenTheAlertLedgerCannotBeReadOnTheLastAttempt_ShouldStillReport()
    {
        var scenario = new GuardScenario(KeyState.Disabled, remediate: false, deliveryAttempts: 1);
        scenario.State.FailAlertDecisions = true;

        var result = await scenario.HandleAsync("kms-disable-key.json");

        Assert.Equal(Disposition.Alerted, result.Disposition);
        Assert.Single(scenario.Publisher.Published);
        Assert.Equal("KEY-ENABLED", result.Alert!.RuleId);
    }

    // A repeat asks the ledger; when it cannot be read on the last attempt, the repeat goes out rather than nothing.
    [Fact]
    public async Task Handle_WhenTheAlertLedgerCannotBeReadForARepeatOnTheLastAttempt_ShouldStillReport()
    {
        var scenario = new GuardScenario(KeyState.Disabled, remediate: false, deliveryAttempts: 1);
        await scenario.HandleAsync("kms-disable-key.json");
        scenario.State.FailAlertDecisions = true;

        var result = await scenario.HandleAsync("kms-put-key-policy.json");

        Assert.Equal(Disposition.Alerted, result.Disposition);
        Assert.Equal(2, scenario.Publisher.Published.Count);
        Assert.Equal("GUARD-ACCESS", result.Alert!.RuleId);
    }

    [Fact]
    public async Task Handle_WhenARetrySettlesAPlannedChangeAndStopsAgain_ShouldLeaveTheSettledAnswerForTheNext()
    {
        // An earlier attempt journaled EnableKey, sent it (it took effect) and died before the answer.
        var scenario = new GuardScenario(KeyState.Enabled);
        var key = GuardScenario.Key.ToString();
        var planned = new JournaledChange("EnableKey", key, ChangeStatus.Planned, "Enabled the key.");
        var journal = new EventJournal(
            GuardScenario.EventJson("kms-disable-key.json"),
            [new ScopeJournal(key, "Disabled", [KeyStateRules.Violation(RuleCatalog.KeyEnabled, "The key is Disabled.")], [planned])]);
        scenario.State.Events[EventId] = new LedgerEntry("released", null, GuardScenario.Now, 1, journal, key);
        scenario.Publisher.FailNext = true;

        await Assert.ThrowsAsync<InvalidOperationException>(() => scenario.HandleAsync("kms-disable-key.json"));

        var kept = Assert.Single(Assert.Single(scenario.State.Events[EventId].Journal!.Scopes).Changes);
        Assert.Equal(("EnableKey", ChangeStatus.Applied), (kept.Action, kept.Status));
        Assert.DoesNotContain(scenario.Keys.Calls, c => c.StartsWith("EnableKey", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Handle_WhenTheChangeCannotBeJournaled_ShouldChangeNothing()
    {
        var scenario = new GuardScenario(KeyState.Disabled);
        scenario.State.FailJournalWrites = 1;

        await Assert.ThrowsAsync<AwsCallException>(() => scenario.HandleAsync("kms-disable-key.json"));

        Assert.DoesNotContain(scenario.Keys.Calls, c => c.StartsWith("EnableKey", StringComparison.Ordinal));
        Assert.Empty(scenario.Publisher.Published);
        Assert.Equal("released", scenario.State.Events[EventId].Status);
    }

    [Fact]
    public async Task Handle_WhenTheKeysTagsCannotBeRead_ShouldChangeNothingAndSayWhy()
    {
        var scenario = new GuardScenario(KeyState.Disabled);
        scenario.Keys.DeniedOperations.Add("ListResourceTags");

        var result = await scenario.HandleAsync("kms-disable-key.json");

        Assert.Equal(KeyState.Disabled, scenario.Keys.StateOf(GuardScenario.Key));
        Assert.Equal(AlertOutcome.Alerted, result.Alert!.Outcome);
        Assert.Contains(result.Alert.Findings, f => f.RuleId == "GUARD-ACCESS" && f.Message.Contains("kms:ListResourceTags", StringComparison.Ordinal));
        Assert.Contains("cannot tell whether the key is suspended", result.Alert.Steps[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_WhenTheSameFixIsNeededTwiceWithinTheWindow_ShouldReportBothFixes()
    {
        var scenario = new GuardScenario(KeyState.Disabled);
        await scenario.HandleAsync("kms-disable-key.json");
        scenario.Keys.SetState(GuardScenario.Key, KeyState.Disabled);

        var second = await scenario.HandleAsync("kms-disable-key.json", json => json.Replace("000000000003", "000000000301", StringComparison.Ordinal));

        Assert.Equal(Disposition.Alerted, second.Disposition);
        Assert.Equal(2, scenario.Publisher.Published.Count);
    }
}
