using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Guarding;
using IdcKmsGuard.Core.Keys;

namespace IdcKmsGuard.Core.Tests.Guarding;

/// <summary>
/// "Reported but never undone" holds beyond the event: an exempt principal's change survives the sweep and later
/// unrelated events while the exemption lasts and the key is as they left it; the suspend tag is per key.
/// </summary>
public sealed class ExemptChangeTests
{
    private const string BreakGlass = "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Administrator*";
    private const string RootOnly = """{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}""";
    private const string RootAndNobody = """{"Statement":[{"Sid":"Admin","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}""";

    private int sweeps;

    [Fact]
    public async Task Sweep_AfterAnExemptDisable_ShouldLeaveTheKeyDisabledAndSaySo()
    {
        var scenario = Scenario(GuardScenario.Now.AddDays(1));

        var exempt = await scenario.HandleAsync("kms-disable-key.json");
        var sweep = await SweepAsync(scenario);

        Assert.Equal(AlertOutcome.Exempt, exempt.Alert!.Outcome);
        Assert.Equal(KeyState.Disabled, scenario.Keys.StateOf(GuardScenario.Key));
        Assert.DoesNotContain(scenario.Keys.Calls, c => c.StartsWith("EnableKey ", StringComparison.Ordinal));
        var alert = Assert.Single(sweep.Alerts);
        Assert.Equal(AlertOutcome.Exempt, alert.Outcome);
        Assert.Contains("under an exemption", Assert.Single(alert.Steps).Detail, StringComparison.Ordinal);
        Assert.Contains("AWSReservedSSO_AdministratorAccess_0123456789abcdef", alert.Steps[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sweep_AfterTheExemptionEnded_ShouldRestoreTheKey()
    {
        var scenario = Scenario(GuardScenario.Now.AddMinutes(90));

        await scenario.HandleAsync("kms-disable-key.json");
        await SweepAsync(scenario);
        var afterEnd = await SweepAsync(scenario);

        Assert.Equal(KeyState.Enabled, scenario.Keys.StateOf(GuardScenario.Key));
        Assert.Equal(AlertOutcome.Fixed, Assert.Single(afterEnd.Alerts).Outcome);
    }

    [Fact]
    public async Task Sweep_WhenTheExemptionWasRemovedFromTheConfiguration_ShouldRestoreTheKey()
    {
        var scenario = Scenario(until: null);
        await scenario.HandleAsync("kms-disable-key.json");
        var leftAlone = await SweepAsync(scenario);

        scenario.Snapshot = new ConfigurationSnapshot(GuardConfiguration.Defaults with { SweepRepeatAfter = 1 }, "test-2", [], false);
        var afterRemoval = await SweepAsync(scenario);

        Assert.Equal(AlertOutcome.Exempt, Assert.Single(leftAlone.Alerts).Outcome);
        Assert.Equal(AlertOutcome.Fixed, Assert.Single(afterRemoval.Alerts).Outcome);
        Assert.Equal(KeyState.Enabled, scenario.Keys.StateOf(GuardScenario.Key));
    }

    // The exempt principal left one policy; a different broken policy is somebody else's change, judged on its own.
    [Fact]
    public async Task Sweep_WhenThePolicyChangedAgainAfterAnExemptEdit_ShouldRepairTheNewPolicy()
    {
        var scenario = Scenario(GuardScenario.Now.AddDays(1), KeyState.Enabled, RootOnly);

        var exempt = await scenario.HandleAsync("kms-put-key-policy.json", json => GuardScenario.WithProposedPolicy(json, RootOnly));
        var leftAlone = await SweepAsync(scenario);
        await scenario.Keys.PutKeyPolicyAsync(GuardScenario.Key, RootAndNobody, CancellationToken.None);
        var repaired = await SweepAsync(scenario);

        Assert.Equal(AlertOutcome.Exempt, exempt.Alert!.Outcome);
        Assert.Equal(AlertOutcome.Exempt, Assert.Single(leftAlone.Alerts).Outcome);
        Assert.Equal(AlertOutcome.Fixed, repaired.Alerts.Single(a => a.RuleId == "KEY-POLICY-HEALTHY").Outcome);
        Assert.Contains("AllowIdentityCenterAndIdentityStoreToUseKey", scenario.Keys.PolicyOf(GuardScenario.Key), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Event_ByAnotherPrincipalForAnotherRule_ShouldNotUndoTheExemptChange()
    {
        var scenario = Scenario(GuardScenario.Now.AddDays(1));
        await scenario.HandleAsync("kms-disable-key.json");

        var rotation = await scenario.HandleAsync("kms-disable-key-rotation.json", json => json.Replace("AWSReservedSSO_AdministratorAccess_0123456789abcdef", "AWSReservedSSO_ReadOnly_0123456789abcdef", StringComparison.Ordinal));

        Assert.Equal(KeyState.Disabled, scenario.Keys.StateOf(GuardScenario.Key));
        Assert.NotNull(rotation.Alert);
    }

    [Fact]
    public async Task Remediation_OfAKeyNotMarkedGuarded_ShouldBeRefusedWithTheCommandThatMarksIt()
    {
        var scenario = new GuardScenario(KeyState.Disabled);
        scenario.Keys.Untag(GuardScenario.Key, GuardedKeyTag.Key);

        var result = await scenario.HandleAsync("kms-disable-key.json");

        Assert.Equal(KeyState.Disabled, scenario.Keys.StateOf(GuardScenario.Key));
        Assert.DoesNotContain(scenario.Keys.Calls, c => c.StartsWith("EnableKey ", StringComparison.Ordinal));
        Assert.Equal(AlertOutcome.Alerted, result.Alert!.Outcome);
        Assert.Contains("not marked as guarded", Assert.Single(result.Alert.Steps).Detail, StringComparison.Ordinal);
        var finding = Assert.Single(result.Alert.Findings, f => f.RuleId == "GUARD-ACCESS");
        Assert.Contains($"--tags TagKey={GuardedKeyTag.Key},TagValue={GuardedKeyTag.Value}", finding.Message, StringComparison.Ordinal);
    }

    // A role of the guard's name in another account is not the guard: its change is judged like anybody's.
    [Fact]
    public async Task Event_ByARoleNamedLikeTheGuardInAnotherAccount_ShouldBeRemediated()
    {
        var scenario = new GuardScenario(KeyState.Disabled);
        const string Impostor = "arn:aws:iam::999988887777:role/idckmsguard/IdcKmsGuardFunctionRole";

        var result = await scenario.HandleAsync("kms-disable-key.json", json => json
            .Replace("arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_AdministratorAccess_0123456789abcdef", Impostor, StringComparison.Ordinal)
            .Replace("assumed-role/AWSReservedSSO_AdministratorAccess_0123456789abcdef/", "assumed-role/IdcKmsGuardFunctionRole/", StringComparison.Ordinal));

        Assert.Equal(AlertOutcome.Fixed, result.Alert!.Outcome);
        Assert.Equal(KeyState.Enabled, scenario.Keys.StateOf(GuardScenario.Key));
    }

    private static GuardScenario Scenario(DateTimeOffset? until, KeyState state = KeyState.Disabled, string? policy = null)
    {
        var scenario = new GuardScenario(state, policy: policy, configuration: GuardConfiguration.Defaults with { PrincipalExemptions = [new PrincipalExemption(BreakGlass, until, "break-glass drill")], SweepRepeatAfter = 1 });
        scenario.Keys.RotationEnabled.Add(GuardScenario.Key.ToString());
        return scenario;
    }

    private async Task<GuardResult> SweepAsync(GuardScenario scenario)
    {
        sweeps++;
        scenario.Time.Advance(TimeSpan.FromHours(1));
        return await scenario.HandleAsync("scheduled-event.json", json => json.Replace("7bf73129-1428-4cd3-a780-95db273d1602", $"sweep-{sweeps}", StringComparison.Ordinal));
    }
}
