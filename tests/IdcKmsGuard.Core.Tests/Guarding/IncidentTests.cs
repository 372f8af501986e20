using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Guarding;
using IdcKmsGuard.Core.Keys;

namespace IdcKmsGuard.Core.Tests.Guarding;

/// <summary>An alert that leaves something open is an incident; the event that shows it fixed closes it, once.</summary>
public sealed class IncidentTests
{
    [Fact]
    public async Task Handle_WhenSomeoneReEnablesTheKeyAfterAnOpenAlert_ShouldSendOneResolvedNotice()
    {
        var scenario = new GuardScenario(KeyState.Disabled, remediate: false);
        var disabled = await scenario.HandleAsync("kms-disable-key.json");
        scenario.Keys.SetState(GuardScenario.Key, KeyState.Enabled);

        var enabled = await scenario.HandleAsync("kms-enable-key.json");
        var again = await scenario.HandleAsync("kms-enable-key.json", json => json.Replace("\"eventID\": \"", "\"eventID\": \"again-", StringComparison.Ordinal));

        Assert.Equal(AlertOutcome.Alerted, disabled.Alert!.Outcome);
        Assert.Equal(Disposition.Alerted, enabled.Disposition);
        Assert.Equal((AlertOutcome.None, Severity.Info), (enabled.Alert!.Outcome, enabled.Alert.Severity));
        Assert.Equal("Resolved: KEY-ENABLED on the Identity Center key", enabled.Alert.Headline);
        Assert.Contains("called EnableKey", enabled.Alert.WhatHappened, StringComparison.Ordinal);
        Assert.Equal(Disposition.Healthy, again.Disposition);
    }

    [Fact]
    public async Task Handle_WhenTheGuardFixedIt_ShouldLeaveNoIncidentToClose()
    {
        var scenario = new GuardScenario(KeyState.Disabled);
        await scenario.HandleAsync("kms-disable-key.json");

        var enabled = await scenario.HandleAsync("kms-enable-key.json");

        Assert.NotEqual(Disposition.Alerted, enabled.Disposition);
    }

    [Fact]
    public async Task Handle_WhenTheEventDidNotCheckWhatIsOpen_ShouldKeepTheIncidentOpen()
    {
        const string RootOnly = """{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}""";
        var scenario = new GuardScenario(KeyState.Enabled, remediate: false, policy: RootOnly);
        await scenario.HandleAsync("kms-put-key-policy.json");

        var enabled = await scenario.HandleAsync("kms-enable-key.json");

        Assert.Equal(Disposition.Healthy, enabled.Disposition);
        Assert.Contains("KEY-POLICY-HEALTHY", scenario.State.Incidents[GuardScenario.Key.ToString()].Open.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_WhenThePolicyCouldNotBeRead_ShouldNeitherCloseTheIncidentNorReportThePolicyChecked()
    {
        const string RootOnly = """{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}""";
        var scenario = new GuardScenario(KeyState.Enabled, remediate: false, policy: RootOnly);
        await scenario.HandleAsync("kms-put-key-policy.json");
        scenario.Keys.DeniedOperations.Add("GetKeyPolicy");

        var unread = await scenario.HandleAsync("kms-put-key-policy.json", json => json.Replace("\"eventID\": \"", "\"eventID\": \"again-", StringComparison.Ordinal));

        Assert.Equal("GUARD-ACCESS", unread.Alert!.RuleId);
        Assert.DoesNotContain(unread.Rules, r => r.RuleId == "KEY-POLICY-HEALTHY");
        Assert.Contains(unread.Rules, r => r is { RuleId: "KEY-ENABLED", Status: RuleStatus.Ok });
        Assert.Contains("KEY-POLICY-HEALTHY", scenario.State.Incidents[GuardScenario.Key.ToString()].Open.ToString(), StringComparison.Ordinal);
    }
}
