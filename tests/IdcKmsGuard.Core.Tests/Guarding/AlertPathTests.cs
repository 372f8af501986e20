using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.Metrics;

namespace IdcKmsGuard.Core.Tests.Guarding;

/// <summary>The guard's own alarm path: the sweep checks the alert topic's key like a guarded key.</summary>
public sealed class AlertPathTests
{
    private static readonly KeyArn TopicKey = KeyArn.Parse("arn:aws:kms:us-east-1:111122223333:key/0f0e0d0c-1111-2222-3333-444455556666");

    [Theory]
    [InlineData(KeyState.Disabled)]
    [InlineData(KeyState.PendingDeletion)]
    public async Task Sweep_WhenTheAlertTopicKeyIsUnusable_ShouldSaySoInItsResultMetricAndAlert(KeyState state)
    {
        var scenario = new GuardScenario(KeyState.Enabled, alertTopicKey: TopicKey);
        scenario.Keys.RotationEnabled.Add(GuardScenario.Key.ToString());
        scenario.Keys.Add(TopicKey, state);

        var result = await scenario.HandleAsync("scheduled-event.json");

        Assert.True(result.AlertPathBroken);
        var line = EmbeddedMetrics.For(result, "idckmsguard", GuardScenario.Now)[0];
        Assert.Contains("\"AlertPathBroken\":1", line, StringComparison.Ordinal);
        var alert = Assert.Single(scenario.Publisher.Published);
        Assert.Equal(("GUARD-ALERT-PATH", "critical"), (alert.Attributes["rule"], alert.Attributes["severity"]));
        Assert.Contains($"{TopicKey} is {state}", alert.EmailText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sweep_WhenTheAlertTopicKeyIsGone_ShouldSaySo()
    {
        var scenario = new GuardScenario(KeyState.Enabled, alertTopicKey: TopicKey);
        scenario.Keys.RotationEnabled.Add(GuardScenario.Key.ToString());

        var result = await scenario.HandleAsync("scheduled-event.json");

        Assert.True(result.AlertPathBroken);
        Assert.Contains("no longer exists", Assert.Single(scenario.Publisher.Published).EmailText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sweep_WhenTheAlertTopicKeyIsEnabled_ShouldStayQuiet()
    {
        var scenario = new GuardScenario(KeyState.Enabled, alertTopicKey: TopicKey);
        scenario.Keys.RotationEnabled.Add(GuardScenario.Key.ToString());
        scenario.Keys.Add(TopicKey, KeyState.Enabled);

        var result = await scenario.HandleAsync("scheduled-event.json");

        Assert.False(result.AlertPathBroken);
        Assert.Empty(scenario.Publisher.Published);
        Assert.Contains("\"AlertPathBroken\":0", EmbeddedMetrics.For(result, "idckmsguard", GuardScenario.Now)[0], StringComparison.Ordinal);
    }
}
