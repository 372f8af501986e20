using IdcKmsGuard.Core.Errors;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.Metrics;
using IdcKmsGuard.Core.Ports;

namespace IdcKmsGuard.Core.Tests.Guarding;

/// <summary>
/// The guard's own alarm path: the sweep checks the alert topic's key (state and policy), that the topic is still
/// encrypted with it and that someone is subscribed, and enables the key again where it may.
/// </summary>
public sealed class AlertPathTests
{
    private static readonly KeyArn TopicKey = KeyArn.Parse("arn:aws:kms:us-east-1:111122223333:key/0f0e0d0c-1111-2222-3333-444455556666");

    // The template's AlertTopicKey policy, without the optional administrators' Deny.
    private const string TopicKeyPolicy = """
        {"Version":"2012-10-17","Statement":[
          {"Sid":"AccountAdministration","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"},
          {"Sid":"CloudWatchAlarmsPublish","Effect":"Allow","Principal":{"Service":"cloudwatch.amazonaws.com"},
           "Action":["kms:Decrypt","kms:GenerateDataKey*"],"Resource":"*","Condition":{"StringEquals":{"aws:SourceAccount":"111122223333"}}},
          {"Sid":"TripwiresPublish","Effect":"Allow","Principal":{"Service":"events.amazonaws.com"},
           "Action":["kms:Decrypt","kms:GenerateDataKey*"],"Resource":"*","Condition":{"StringEquals":{"aws:SourceAccount":"111122223333"}}}]}
        """;

    [Theory]
    [InlineData(KeyState.Disabled, new[] { "EnableKey" })]
    [InlineData(KeyState.PendingDeletion, new[] { "CancelKeyDeletion", "EnableKey" })]
    public async Task Sweep_WhenTheAlertTopicKeyIsUnusable_ShouldEnableItAgainAndSaySo(KeyState state, string[] calls)
    {
        var scenario = Scenario(state);

        var result = await scenario.HandleAsync("scheduled-event.json");

        Assert.Equal(KeyState.Enabled, scenario.Keys.StateOf(TopicKey));
        Assert.Equal(calls, scenario.Keys.Calls.Where(c => c.EndsWith(TopicKey.ToString(), StringComparison.Ordinal)).Select(c => c.Split(' ')[0]).Where(c => c != "DescribeKey" && c != "GetKeyPolicy"));
        Assert.False(result.AlertPathBroken);
        var alert = Assert.Single(scenario.Publisher.Published);
        Assert.Equal(("GUARD-ALERT-PATH", "fixed"), (alert.Attributes["rule"], alert.Attributes["outcome"]));
        Assert.Contains($"Enabled the alert topic's key {TopicKey}, which was {state}", alert.EmailText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sweep_WhenRemediationIsOff_ShouldLeaveTheKeyAndReportThePathBroken()
    {
        var scenario = Scenario(KeyState.Disabled, remediate: false);

        var result = await scenario.HandleAsync("scheduled-event.json");

        Assert.Equal(KeyState.Disabled, scenario.Keys.StateOf(TopicKey));
        Assert.True(result.AlertPathBroken);
        Assert.Contains("\"AlertPathBroken\":1", EmbeddedMetrics.For(result, "idckmsguard", GuardScenario.Now)[0], StringComparison.Ordinal);
        var alert = Assert.Single(scenario.Publisher.Published);
        Assert.Equal(("GUARD-ALERT-PATH", "critical", "alerted"), (alert.Attributes["rule"], alert.Attributes["severity"], alert.Attributes["outcome"]));
        Assert.Contains($"{TopicKey} is Disabled", alert.EmailText, StringComparison.Ordinal);
        Assert.Contains("RemediationMode=alert", alert.EmailText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sweep_WhenEnablingTheKeyIsRefused_ShouldReportTheFailureAndThePathBroken()
    {
        var scenario = Scenario(KeyState.Disabled);
        scenario.Keys.DeniedOperations.Add("EnableKey");

        var result = await scenario.HandleAsync("scheduled-event.json");

        Assert.True(result.AlertPathBroken);
        var alert = Assert.Single(scenario.Publisher.Published);
        Assert.Equal("failed", alert.Attributes["outcome"]);
        Assert.Contains("AccessDeniedException", alert.EmailText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sweep_WhenTheAlertTopicKeyIsGone_ShouldSaySo()
    {
        var scenario = Scenario(KeyState.Enabled);
        scenario.Keys.Remove(TopicKey);

        var result = await scenario.HandleAsync("scheduled-event.json");

        Assert.True(result.AlertPathBroken);
        Assert.Contains("no longer exists", Assert.Single(scenario.Publisher.Published).EmailText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sweep_WhenThePathHolds_ShouldStayQuiet()
    {
        var scenario = Scenario(KeyState.Enabled);

        var result = await scenario.HandleAsync("scheduled-event.json");

        Assert.False(result.AlertPathBroken);
        Assert.Empty(scenario.Publisher.Published);
        Assert.Contains("\"AlertPathBroken\":0", EmbeddedMetrics.For(result, "idckmsguard", GuardScenario.Now)[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CloudWatchAlarmsPublish", "CloudWatch (the guard's alarms)")]
    [InlineData("TripwiresPublish", "EventBridge (the tripwires)")]
    [InlineData("AccountAdministration", "the guard's role (its alerts)")]
    public async Task Sweep_WhenTheKeyPolicyNoLongerLetsASenderUseTheKey_ShouldNameTheSender(string removedSid, string sender)
    {
        var scenario = Scenario(KeyState.Enabled);
        var kept = System.Text.Json.Nodes.JsonNode.Parse(TopicKeyPolicy)!;
        var statements = kept["Statement"]!.AsArray();
        statements.Remove(statements.Single(s => (string?)s!["Sid"] == removedSid));
        statements.Add(System.Text.Json.Nodes.JsonNode.Parse("""{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/KeyAdmin"},"Action":"kms:*","Resource":"*"}"""));
        scenario.Keys.SetPolicy(TopicKey, kept.ToJsonString());

        var result = await scenario.HandleAsync("scheduled-event.json");

        Assert.True(result.AlertPathBroken);
        var text = Assert.Single(scenario.Publisher.Published).EmailText;
        Assert.Contains($"no longer lets {sender} use it (kms:GenerateDataKey, kms:Decrypt refused)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sweep_WhenNobodyIsSubscribed_ShouldSayAlertsReachNoOne()
    {
        var scenario = Scenario(KeyState.Enabled);
        scenario.Publisher.Channel = scenario.Publisher.Channel! with { ConfirmedSubscriptions = 0 };

        var result = await scenario.HandleAsync("scheduled-event.json");

        Assert.True(result.AlertPathBroken);
        Assert.Contains("has no confirmed subscription", Assert.Single(scenario.Publisher.Published).EmailText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "is no longer encrypted with its key")]
    [InlineData("alias/insider", "is encrypted with alias/insider, not its own key")]
    [InlineData("arn:aws:kms:us-east-1:111122223333:key/99990000-1111-2222-3333-444455556666", "not its own key")]
    public async Task Sweep_WhenTheTopicIsNoLongerEncryptedWithItsKey_ShouldSaySo(string? encryption, string expected)
    {
        var scenario = Scenario(KeyState.Enabled);
        scenario.Publisher.Channel = scenario.Publisher.Channel! with { EncryptionKey = encryption };

        var result = await scenario.HandleAsync("scheduled-event.json");

        Assert.True(result.AlertPathBroken);
        Assert.Contains(expected, Assert.Single(scenario.Publisher.Published).EmailText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0f0e0d0c-1111-2222-3333-444455556666")]
    [InlineData("arn:aws:kms:us-east-1:111122223333:key/0f0e0d0c-1111-2222-3333-444455556666")]
    [InlineData("alias/idckmsguard-alerts")]
    [InlineData("arn:aws:kms:us-east-1:111122223333:alias/idckmsguard-alerts")]
    public async Task Sweep_WhenTheTopicNamesItsKeyAnyWaySnsAccepts_ShouldStayQuiet(string encryption)
    {
        var scenario = Scenario(KeyState.Enabled);
        scenario.Keys.AddAlias("alias/idckmsguard-alerts", TopicKey);
        scenario.Publisher.Channel = scenario.Publisher.Channel! with { EncryptionKey = encryption };

        var result = await scenario.HandleAsync("scheduled-event.json");

        Assert.False(result.AlertPathBroken);
        Assert.Empty(scenario.Publisher.Published);
    }

    [Fact]
    public async Task Sweep_WhenTheTopicIsGone_ShouldSaySo()
    {
        var scenario = Scenario(KeyState.Enabled);
        scenario.Publisher.DescribeFailure = new AwsCallException("sns", "GetTopicAttributes", "NotFound", "Topic does not exist", "req-9", 404);

        var result = await scenario.HandleAsync("scheduled-event.json");

        Assert.True(result.AlertPathBroken);
        Assert.Contains("the alert topic no longer exists", Assert.Single(scenario.Publisher.Published).EmailText, StringComparison.Ordinal);
    }

    private static GuardScenario Scenario(KeyState topicKeyState, bool remediate = true)
    {
        var scenario = new GuardScenario(KeyState.Enabled, remediate, alertTopicKey: TopicKey);
        scenario.Keys.RotationEnabled.Add(GuardScenario.Key.ToString());
        scenario.Keys.Add(TopicKey, topicKeyState, TopicKeyPolicy, guarded: false);
        scenario.Keys.GrantedWithoutMark.Add(TopicKey.ToString());
        scenario.Publisher.Channel = new AlertChannel("arn:aws:sns:us-east-1:111122223333:idckmsguard-alerts", TopicKey.KeyId, 1);
        return scenario;
    }
}
