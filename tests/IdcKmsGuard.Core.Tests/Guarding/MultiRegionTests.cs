using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Guarding;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Testing;

namespace IdcKmsGuard.Core.Tests.Guarding;

/// <summary>Identity Center in two Regions: events about the replica, and Regions added with or without one.</summary>
public sealed class MultiRegionTests
{
    private static readonly KeyArn Replica = GuardScenario.Key.InRegion("eu-west-1");
    private static readonly string Baseline = File.ReadAllText(Path.Combine(RepoPaths.Reference, "key-policies", "key-policy-baseline-2026.json"));

    [Fact]
    public async Task Handle_WhenARegionIsAddedWithoutAReplica_ShouldAlertKeyReplicaCritical()
    {
        var scenario = new GuardScenario(KeyState.Enabled);
        scenario.IdentityCenter.AdditionalRegions.Add("eu-west-1");

        var result = await scenario.HandleAsync("sso-add-region.json");

        Assert.Equal(("KEY-REPLICA", Severity.Critical), (result.Alert!.RuleId, result.Alert.Severity));
        Assert.Equal("An Identity Center Region has no usable replica of the key", result.Alert.Headline);
        Assert.Contains("eu-west-1", result.Alert.Findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sweep_AfterAnAddRegionAlert_ShouldNotAnnounceTheMissingReplicaAgain()
    {
        var scenario = new GuardScenario(KeyState.Enabled);
        scenario.Keys.RotationEnabled.Add(GuardScenario.Key.ToString());
        scenario.IdentityCenter.AdditionalRegions.Add("eu-west-1");
        await scenario.HandleAsync("sso-add-region.json");

        var sweep = await scenario.HandleAsync("scheduled-event.json");

        Assert.Empty(sweep.Alerts);
        Assert.Equal("KEY-REPLICA", scenario.State.Incidents[Replica.ToString()].Open.ToString());
    }

    [Fact]
    public async Task Handle_WhenARegionIsAddedWithAHealthyReplica_ShouldStayQuiet()
    {
        var scenario = new GuardScenario(KeyState.Enabled);
        AddReplica(scenario, KeyState.Enabled);

        var result = await scenario.HandleAsync("sso-add-region.json");

        Assert.Equal(Disposition.Healthy, result.Disposition);
    }

    [Fact]
    public async Task Handle_WhenAForwardedEventDisabledTheReplica_ShouldEnableTheReplicaInItsRegion()
    {
        var scenario = new GuardScenario(KeyState.Enabled);
        AddReplica(scenario, KeyState.Disabled);

        var result = await scenario.HandleAsync("kms-disable-key.json", json => json.Replace("us-east-1", "eu-west-1", StringComparison.Ordinal));

        Assert.Equal((AlertOutcome.Fixed, "KEY-ENABLED"), (result.Alert!.Outcome, result.Alert.RuleId));
        Assert.Equal(Replica.ToString(), result.Alert.KeyArn);
        Assert.Equal(KeyState.Enabled, scenario.Keys.StateOf(Replica));
        Assert.Equal(KeyState.Enabled, scenario.Keys.StateOf(GuardScenario.Key));
    }

    [Fact]
    public async Task Handle_WhenANewReplicaCarriesABrokenPolicy_ShouldAlertAtOnceNamingTheRegion()
    {
        var scenario = new GuardScenario(KeyState.Enabled);
        scenario.Keys.RotationEnabled.Add(GuardScenario.Key.ToString());
        AddReplica(scenario, KeyState.Enabled, """{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}""");

        var result = await scenario.HandleAsync("kms-replicate-key.json");

        Assert.Equal("KEY-POLICY-HEALTHY", result.Alert!.RuleId);
        Assert.Contains(result.Alert.Findings, f => f.Message.StartsWith("Replica in eu-west-1: IDC-KEY-ACCESS", StringComparison.Ordinal));
        Assert.Equal(Replica.ToString(), result.Alert.KeyArn);
    }

    [Fact]
    public async Task Handle_WhenANewReplicaIsHealthy_ShouldStayQuiet()
    {
        var scenario = new GuardScenario(KeyState.Enabled);
        scenario.Keys.RotationEnabled.Add(GuardScenario.Key.ToString());
        AddReplica(scenario, KeyState.Enabled);

        var result = await scenario.HandleAsync("kms-replicate-key.json");

        Assert.Equal(Disposition.Healthy, result.Disposition);
    }

    private static void AddReplica(GuardScenario scenario, KeyState state, string? policy = null)
    {
        scenario.IdentityCenter.AdditionalRegions.Add(Replica.Region);
        scenario.Keys.Add(Replica, state, policy ?? Baseline);
        scenario.Keys.Update(Replica, k => k with { MultiRegionRole = MultiRegionRole.Replica });
    }
}
