using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Guarding;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Testing;

namespace IdcKmsGuard.Core.Tests.Guarding;

/// <summary>The scheduled sweep: everything re-read, remediated like an event would be, alerted on change of state only.</summary>
public sealed class SweepTests
{
    private const string RootOnly = """{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}""";
    private static readonly KeyArn Replica = GuardScenario.Key.InRegion("eu-west-1");
    private static readonly string Baseline = File.ReadAllText(Path.Combine(RepoPaths.Reference, "key-policies", "key-policy-baseline-2026.json"));

    private int sweeps;

    [Fact]
    public async Task Sweep_WhenEverythingIsHealthy_ShouldStayQuietAndRememberEachScope()
    {
        var scenario = Scenario();
        AddReplica(scenario, Baseline);

        var result = await SweepAsync(scenario);

        Assert.Equal(Disposition.Healthy, result.Disposition);
        Assert.Empty(scenario.Publisher.Published);
        Assert.Equal(3, scenario.State.Incidents.Count);
        Assert.All(scenario.State.Incidents.Values, m => Assert.True(m.IsHealthy));
    }

    [Fact]
    public async Task Sweep_WhenTheReplicaPolicyBrokeWithoutAnEvent_ShouldRepairItInItsRegionAndSayFixedOnce()
    {
        var scenario = Scenario();
        AddReplica(scenario, RootOnly);

        var first = await SweepAsync(scenario);
        var second = await SweepAsync(scenario);

        var alert = Assert.Single(first.Alerts);
        Assert.Equal((AlertOutcome.Fixed, "KEY-POLICY-HEALTHY"), (alert.Outcome, alert.RuleId));
        Assert.Equal(Replica.ToString(), alert.KeyArn);
        Assert.True(alert.Verification!.Passed);
        Assert.StartsWith("The guard's scheduled sweep re-read the replica in eu-west-1 of the key Identity Center uses (arn:aws:kms:eu-west-1:", alert.WhatHappened, StringComparison.Ordinal);
        Assert.Contains("AllowIdentityCenterAndIdentityStoreToUseKey", scenario.Keys.PolicyOf(Replica), StringComparison.Ordinal);
        Assert.Equal(Baseline, scenario.Keys.PolicyOf(GuardScenario.Key));
        Assert.Equal(Disposition.Healthy, second.Disposition);
        Assert.Single(scenario.Publisher.Published);
    }

    [Fact]
    public async Task Sweep_WhenAViolationStaysInAlertMode_ShouldAlertOnceThenEveryNSweeps()
    {
        var configuration = GuardConfiguration.Defaults with { SweepRepeatAfter = 2 };
        var scenario = new GuardScenario(KeyState.Enabled, remediate: false, configuration: configuration);
        scenario.Keys.RotationEnabled.Add(GuardScenario.Key.ToString());
        AddReplica(scenario, RootOnly);

        var results = new List<GuardResult>();
        for (var i = 0; i < 4; i++)
        {
            results.Add(await SweepAsync(scenario));
        }

        Assert.Equal([1, 0, 1, 0], results.Select(r => r.Alerts.Count));
        Assert.Equal(AlertOutcome.Alerted, results[0].Alert!.Outcome);
        Assert.Contains("Unchanged since", results[2].Alert!.WhatHappened, StringComparison.Ordinal);
        Assert.Contains("(3 sweeps)", results[2].Alert!.WhatHappened, StringComparison.Ordinal);
        Assert.Equal(RootOnly, scenario.Keys.PolicyOf(Replica));
    }

    [Fact]
    public async Task Sweep_WhenARegionLacksAReplica_ShouldAlertCriticalAndLaterSayItIsHealthyAgain()
    {
        var scenario = Scenario();
        scenario.IdentityCenter.AdditionalRegions.Add("eu-west-1");

        var missing = await SweepAsync(scenario);
        scenario.Keys.Add(Replica, KeyState.Enabled, Baseline);
        var healed = await SweepAsync(scenario);

        var alert = Assert.Single(missing.Alerts);
        Assert.Equal(("KEY-REPLICA", Severity.Critical), (alert.RuleId, alert.Severity));
        Assert.Equal("An Identity Center Region has no usable replica of the key", alert.Headline);
        var notice = Assert.Single(healed.Alerts);
        Assert.Equal((AlertOutcome.None, Severity.Info), (notice.Outcome, notice.Severity));
        Assert.Contains("someone else fixed it", notice.WhatHappened, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sweep_WhenThePrimaryWasDisabledAndTheEventWasLost_ShouldEnableItAndReport()
    {
        var scenario = Scenario();
        scenario.Keys.SetState(GuardScenario.Key, KeyState.Disabled);

        var result = await SweepAsync(scenario);

        var alert = Assert.Single(result.Alerts);
        Assert.Equal((AlertOutcome.Fixed, "KEY-ENABLED"), (alert.Outcome, alert.RuleId));
        Assert.Equal(KeyState.Enabled, scenario.Keys.StateOf(GuardScenario.Key));
        Assert.Equal("Sweep", alert.Event.Trigger);
    }

    [Fact]
    public async Task Sweep_WhenTheSameScheduledEventArrivesTwice_ShouldRunOnce()
    {
        var scenario = Scenario();
        scenario.Keys.SetState(GuardScenario.Key, KeyState.Disabled);

        var first = await scenario.HandleAsync("scheduled-event.json");
        var second = await scenario.HandleAsync("scheduled-event.json");

        Assert.Equal(Disposition.Alerted, first.Disposition);
        Assert.Equal(Disposition.Duplicate, second.Disposition);
    }

    [Fact]
    public async Task Sweep_WhenOneRegionIsUnreachable_ShouldStillRepairThePrimaryAndReportTheRegion()
    {
        var scenario = Scenario();
        AddReplica(scenario, Baseline);
        scenario.Keys.UnreachableRegions.Add(Replica.Region);
        scenario.Keys.SetState(GuardScenario.Key, KeyState.Disabled);

        var result = await SweepAsync(scenario);

        Assert.Equal(KeyState.Enabled, scenario.Keys.StateOf(GuardScenario.Key));
        Assert.Contains(result.Alerts, a => a is { RuleId: "KEY-ENABLED", Outcome: AlertOutcome.Fixed });
        Assert.Contains(result.Alerts, a => a.RuleId == "GUARD-ACCESS" && a.KeyArn == Replica.ToString());
    }

    [Fact]
    public async Task Sweep_WhenTheLastSwitchFailed_ShouldReportTheRequestedKeyButNeverRepairIt()
    {
        var scenario = Scenario();
        var requested = KeyArn.Parse("arn:aws:kms:us-east-1:111122223333:key/mrk-99999999999999999999999999999999");
        scenario.Keys.Add(requested, KeyState.PendingDeletion, Baseline);
        scenario.IdentityCenter.Encryption = new Core.IdentityCenter.EncryptionConfiguration(Core.IdentityCenter.EncryptionKeyType.CustomerManagedKey, requested, Core.IdentityCenter.EncryptionStatus.UpdateFailed, "KMS_InvalidStateException");

        var result = await SweepAsync(scenario);

        Assert.Equal(KeyState.PendingDeletion, scenario.Keys.StateOf(requested));
        Assert.Contains(result.Alerts, a => a.RuleId == "IDC-ENCRYPTION-STATUS");
        var alert = Assert.Single(result.Alerts, a => a.RuleId == "KEY-NOT-PENDING-DELETION");
        Assert.Contains("the key the failed switch requested", alert.WhatHappened, StringComparison.Ordinal);
        Assert.Empty(alert.Steps);
    }

    [Fact]
    public async Task Sweep_WhenAnEventAlertedMeanwhile_ShouldNotRepeatWhatTheSweepAlreadyReported()
    {
        var scenario = new GuardScenario(KeyState.Enabled, remediate: false);
        var rotationOff = await SweepAsync(scenario);
        scenario.Keys.SetState(GuardScenario.Key, KeyState.Disabled);
        await scenario.HandleAsync("kms-disable-key.json");
        scenario.Keys.SetState(GuardScenario.Key, KeyState.Enabled);
        var closed = await scenario.HandleAsync("kms-enable-key.json");

        var next = await SweepAsync(scenario);

        Assert.Equal("KEY-ROTATION", Assert.Single(rotationOff.Alerts).RuleId);
        Assert.Equal("Resolved: KEY-ENABLED on the Identity Center key", closed.Alert!.Headline);
        Assert.Empty(next.Alerts);
        Assert.Equal("KEY-ROTATION", scenario.State.Incidents[GuardScenario.Key.ToString()].Open.ToString());
    }

    [Fact]
    public async Task Sweep_WhenOneOfTwoViolationsIsFixed_ShouldSayWhichIsGone()
    {
        var scenario = new GuardScenario(KeyState.Disabled, remediate: false);
        var both = await SweepAsync(scenario);
        scenario.Keys.SetState(GuardScenario.Key, KeyState.Enabled);

        var one = await SweepAsync(scenario);

        Assert.Equal(["KEY-ENABLED", "KEY-ROTATION"], both.Alert!.Findings.Select(f => f.RuleId).Order(StringComparer.Ordinal));
        var alert = Assert.Single(one.Alerts);
        Assert.Equal("KEY-ROTATION", alert.RuleId);
        Assert.EndsWith("No longer found since the last sweep: KEY-ENABLED.", alert.WhatHappened, StringComparison.Ordinal);
    }

    private static GuardScenario Scenario()
    {
        var scenario = new GuardScenario(KeyState.Enabled);
        scenario.Keys.RotationEnabled.Add(GuardScenario.Key.ToString());
        return scenario;
    }

    private static void AddReplica(GuardScenario scenario, string policy)
    {
        scenario.IdentityCenter.AdditionalRegions.Add(Replica.Region);
        scenario.Keys.Add(Replica, KeyState.Enabled, policy);
        scenario.Keys.Update(Replica, k => k with { MultiRegionRole = MultiRegionRole.Replica });
    }

    private async Task<GuardResult> SweepAsync(GuardScenario scenario)
    {
        sweeps++;
        scenario.Time.Advance(TimeSpan.FromHours(1));
        return await scenario.HandleAsync("scheduled-event.json", json => json.Replace("7bf73129-1428-4cd3-a780-95db273d1602", $"sweep-{sweeps}", StringComparison.Ordinal));
    }
}
