using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Guarding;
using IdcKmsGuard.Core.Keys;

namespace IdcKmsGuard.Core.Tests.Guarding;

/// <summary>At-least-once delivery, repeated alerts, and the memory of healthy policies.</summary>
public sealed class DeliveryTests
{
    private const string RootOnly = """{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}""";

    [Fact]
    public async Task Handle_WhenTheSameEventIsDeliveredTwice_ShouldActOnce()
    {
        var scenario = new GuardScenario(KeyState.Disabled);

        var first = await scenario.HandleAsync("kms-disable-key.json");
        scenario.Keys.SetState(GuardScenario.Key, KeyState.Disabled);
        var second = await scenario.HandleAsync("kms-disable-key.json");

        Assert.Equal(Disposition.Alerted, first.Disposition);
        Assert.Equal(Disposition.Duplicate, second.Disposition);
        Assert.Single(scenario.Publisher.Published);
        Assert.Single(scenario.Keys.Calls, c => c.StartsWith("EnableKey", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Handle_WhenPublishingFailsAfterTheFix_ShouldPublishTheFixOnTheRetry()
    {
        var scenario = new GuardScenario(KeyState.Disabled);
        scenario.Publisher.FailNext = true;

        await Assert.ThrowsAsync<InvalidOperationException>(() => scenario.HandleAsync("kms-disable-key.json"));
        var retry = await scenario.HandleAsync("kms-disable-key.json");

        Assert.Equal(["7f1d9a3b-0000-4000-9000-000000000003"], scenario.State.Released);
        Assert.Equal(Disposition.Alerted, retry.Disposition);
        var published = Assert.Single(scenario.Publisher.Published);
        Assert.Equal("fixed", published.Attributes["outcome"]);
        Assert.Equal("Disabled", retry.Alert!.KeyStateBefore);
        Assert.Single(scenario.Keys.Calls, c => c.StartsWith("EnableKey", StringComparison.Ordinal));
        Assert.Null(scenario.State.Events["7f1d9a3b-0000-4000-9000-000000000003"].Journal);
    }

    [Fact]
    public async Task Handle_WhenTheSameAlertRepeatsWithinTheWindow_ShouldCountItAndReportTheCountLater()
    {
        var scenario = new GuardScenario(KeyState.Disabled, remediate: false);

        // The same disabled key, from the same DisableKey, found again by later events about something else.
        await scenario.HandleAsync("kms-disable-key.json", json => json.Replace("000000000003", "000000000101", StringComparison.Ordinal));
        var repeat = await scenario.HandleAsync("kms-put-key-policy.json", json => json.Replace("000000000001", "000000000102", StringComparison.Ordinal));
        scenario.Time.Advance(TimeSpan.FromHours(2));
        var later = await scenario.HandleAsync("kms-put-key-policy.json", json => json.Replace("000000000001", "000000000103", StringComparison.Ordinal));

        Assert.Equal(Disposition.Suppressed, repeat.Disposition);
        Assert.Equal(2, scenario.Publisher.Published.Count);
        Assert.Equal(1, later.Alert!.SuppressedRepeats);
        Assert.Contains("1 more alert(s) like this one were not sent", scenario.Publisher.Published[1].EmailText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_WhenAPolicyBreaksAfterAHealthyOne_ShouldShowTheChangeSinceItWasHealthy()
    {
        var scenario = new GuardScenario(KeyState.Enabled, remediate: false);
        await scenario.HandleAsync("kms-put-key-policy.json");
        await scenario.Keys.PutKeyPolicyAsync(GuardScenario.Key, RootOnly, CancellationToken.None);

        var result = await scenario.HandleAsync("kms-put-key-policy.json", json => json.Replace("000000000001", "000000000201", StringComparison.Ordinal));

        Assert.StartsWith("Compared with the last healthy policy", result.Alert!.PolicyChange[0], StringComparison.Ordinal);
        Assert.Contains(result.Alert.PolicyChange, line => line.StartsWith("- statement", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Handle_WhenStrategyIsRestoreLastKnownGood_ShouldPutBackTheExactHealthyPolicy()
    {
        var configuration = GuardConfiguration.Defaults with { RepairStrategy = RepairStrategy.RestoreLastKnownGood };
        var scenario = new GuardScenario(KeyState.Enabled, configuration: configuration);
        var healthy = scenario.Keys.PolicyOf(GuardScenario.Key);
        await scenario.HandleAsync("kms-put-key-policy.json");
        await scenario.Keys.PutKeyPolicyAsync(GuardScenario.Key, RootOnly, CancellationToken.None);

        var result = await scenario.HandleAsync("kms-put-key-policy.json", json => json.Replace("000000000001", "000000000202", StringComparison.Ordinal));

        Assert.Equal(AlertOutcome.Fixed, result.Alert!.Outcome);
        Assert.Equal(healthy, scenario.Keys.PolicyOf(GuardScenario.Key));
        Assert.Contains("restores the last healthy policy", result.Alert.Steps[0].Detail, StringComparison.Ordinal);
    }
}
