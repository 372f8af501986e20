using IdcKmsGuard.Core.Errors;
using IdcKmsGuard.Core.Guarding;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.Tests.Guarding;

namespace IdcKmsGuard.Core.Tests.Delivery;

/// <summary>The alerts an event sent are recorded with its completion: one write at the end, never before it is done.</summary>
public sealed class AlertRecordTests
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
        var repeat = await scenario.HandleAsync("kms-disable-key.json", json => json.Replace("-0000-4000-", "-1111-4000-", StringComparison.Ordinal));

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
}
