using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Errors;
using IdcKmsGuard.Core.Guarding;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.Tests.Guarding;
using IdcKmsGuard.Core.Tests.Support;

namespace IdcKmsGuard.Core.Tests.Delivery;

/// <summary>
/// The state an event reads and writes in as few calls as it can: the alerts it sent recorded with its completion,
/// never before it is done; the key's incident memory and the journals left unfinished on it read at once.
/// </summary>
public sealed class StateCallTests
{
    [Fact]
    public async Task Handle_WhenTheKeyIsRepaired_ShouldRecordItsAlertWithTheCompletionAndNotAlone()
    {
        var scenario = new GuardScenario(KeyState.Disabled);

        await scenario.HandleAsync("kms-disable-key.json");

        Assert.Single(scenario.Publisher.Published);
        Assert.Equal(1, scenario.State.AlertsRecordedWithCompletion);
        Assert.Equal(0, scenario.State.AlertsRecordedAlone);
    }

    [Fact]
    public async Task Handle_WhenTheSameAlertComesAgainWithinTheWindow_ShouldSuppressItOnTheRecordTheFirstCompletionWrote()
    {
        var scenario = new GuardScenario(KeyState.Disabled, remediate: false);

        await scenario.HandleAsync("kms-disable-key.json");
        var repeat = await scenario.HandleAsync("kms-put-key-policy.json");

        Assert.Single(scenario.Publisher.Published);
        Assert.Equal(Disposition.Suppressed, repeat.Disposition);
        Assert.Equal(1, scenario.State.AlertsRecordedWithCompletion);
    }

    [Fact]
    public async Task Handle_WhenTheCompletionFailsAfterTheAlert_ShouldLeaveItUnrecordedSoTheRetrySendsTheSameAlertAgain()
    {
        var scenario = new GuardScenario(KeyState.Disabled, remediate: false);
        scenario.State.FailCompletions = 1;

        await Assert.ThrowsAsync<AwsCallException>(() => scenario.HandleAsync("kms-disable-key.json"));
        Assert.Equal(0, scenario.State.AlertsRecordedWithCompletion + scenario.State.AlertsRecordedAlone);
        await scenario.HandleAsync("kms-disable-key.json");

        Assert.Equal(2, scenario.Publisher.Published.Count);
        Assert.Single(scenario.Publisher.Published.Select(p => p.Attributes["alert_id"]).Distinct());
        Assert.All(scenario.Publisher.Published, p => Assert.Equal("alerted", p.Attributes["outcome"]));
        Assert.Equal(1, scenario.State.AlertsRecordedWithCompletion);
    }

    [Fact]
    public async Task Handle_WhenTheKeyIsReviewed_ShouldReadItsIncidentMemoryAndUnfinishedJournalsInOneRead()
    {
        var scenario = new GuardScenario(KeyState.Disabled);

        await scenario.HandleAsync("kms-disable-key.json");

        Assert.Equal(1, scenario.State.ScopeReads);
    }

    [Fact]
    public async Task Handle_WhenAnEventIsMarkedUnfinishedButItsJournalIsGone_ShouldClearTheMarkAndGoOn()
    {
        var scenario = new GuardScenario(KeyState.Disabled);
        scenario.State.Events["expired-event"] = new LedgerEntry("released", null, DateTimeOffset.MinValue, 1, null, GuardScenario.Key.ToString());

        var result = await scenario.HandleAsync("kms-disable-key.json");

        Assert.Equal("done", scenario.State.Events["expired-event"].Status);
        Assert.Empty(await scenario.State.UnfinishedAsync(GuardScenario.Key.ToString(), CancellationToken.None));
        Assert.Equal(AlertOutcome.Fixed, result.Alert!.Outcome);
        Assert.Single(scenario.Publisher.Published);
    }
}
