using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Errors;
using IdcKmsGuard.Core.IdentityCenter;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.Rules;

namespace IdcKmsGuard.Core.Tests.Guarding;

/// <summary>IDC-ENCRYPTION-APPROVED's opt-in remediation: back to an approved key, and only to one that can serve.</summary>
public sealed class EncryptionRemediationTests
{
    private const string RootOnlyPolicy = """{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}""";
    private static readonly KeyArn Insiders = KeyArn.Parse("arn:aws:kms:us-east-1:111122223333:key/0000aaaa-1111-2222-3333-444455556666");
    private static readonly KeyArn Rogue = KeyArn.Parse("arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab");

    [Fact]
    public async Task Handle_WhenSwitchedToAnAwsOwnedKeyAndRemediating_ShouldSwitchBackToTheApprovedKeyAndVerify()
    {
        var scenario = Remediating();
        scenario.IdentityCenter.Encryption = EncryptionConfiguration.AwsOwned;

        var result = await scenario.HandleAsync("sso-update-instance.json");

        Assert.Equal([$"{Support.FakeIdentityCenter.InstanceArn} -> {GuardScenario.Key}"], scenario.IdentityCenter.Switches);
        Assert.Equal(AlertOutcome.Fixed, result.Alert!.Outcome);
        Assert.Equal("Identity Center left its approved key; the guard switched it back", result.Alert.Headline);
        Assert.Equal(("UpdateInstance", StepStatus.Fixed), (result.Alert.Steps[0].Action, result.Alert.Steps[0].Status));
        Assert.True(result.Alert.Verification!.Passed);
        Assert.Contains("ENABLED", result.Alert.Verification.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_WhenSwitchedToAnUnapprovedKey_ShouldSwitchBack()
    {
        var scenario = Remediating();
        scenario.Keys.Add(Rogue, KeyState.Enabled, scenario.Keys.PolicyOf(GuardScenario.Key));
        scenario.IdentityCenter.Encryption = scenario.IdentityCenter.Encryption with { KmsKeyArn = Rogue };

        var result = await scenario.HandleAsync("sso-update-instance.json");

        Assert.Equal(AlertOutcome.Fixed, result.Alert!.Outcome);
        Assert.Equal(GuardScenario.Key, scenario.IdentityCenter.Encryption.KmsKeyArn);
    }

    [Theory]
    [InlineData(KeyState.Disabled, "Found the key Disabled")]
    [InlineData(KeyState.PendingDeletion, "PendingDeletion")]
    public async Task Handle_WhenTheApprovedKeyCannotServe_ShouldRefuseToSwitch(KeyState state, string expected)
    {
        var scenario = Remediating();
        scenario.Keys.SetState(GuardScenario.Key, state);
        scenario.IdentityCenter.Encryption = EncryptionConfiguration.AwsOwned;

        var result = await scenario.HandleAsync("sso-update-instance.json");

        Assert.Empty(scenario.IdentityCenter.Switches);
        Assert.Equal(AlertOutcome.Alerted, result.Alert!.Outcome);
        var step = Assert.Single(result.Alert.Steps);
        Assert.Equal(StepStatus.Skipped, step.Status);
        Assert.Contains("no approved key passes every critical check", step.Detail, StringComparison.Ordinal);
        Assert.Contains(expected, step.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_WhenTheApprovedKeysPolicyShutsIdentityCenterOut_ShouldRefuseToSwitch()
    {
        var scenario = Remediating();
        scenario.Keys.Add(GuardScenario.Key, KeyState.Enabled, RootOnlyPolicy);
        scenario.IdentityCenter.Encryption = EncryptionConfiguration.AwsOwned;

        var result = await scenario.HandleAsync("sso-update-instance.json");

        Assert.Empty(scenario.IdentityCenter.Switches);
        Assert.Contains("IDC-KEY-ACCESS", result.Alert!.Steps[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_WhenTheFirstApprovedKeyCannotServe_ShouldUseTheNextThatCan()
    {
        var backup = KeyArn.Parse("arn:aws:kms:us-east-1:111122223333:key/mrk-0000aaaa11112222333344445555aaaa");
        var scenario = Remediating(GuardScenario.Key.ToString(), backup.ToString());
        scenario.Keys.Add(backup, KeyState.Enabled, scenario.Keys.PolicyOf(GuardScenario.Key));
        scenario.Keys.SetState(GuardScenario.Key, KeyState.Disabled);
        scenario.IdentityCenter.Encryption = EncryptionConfiguration.AwsOwned;

        await scenario.HandleAsync("sso-update-instance.json");

        Assert.Equal([$"{Support.FakeIdentityCenter.InstanceArn} -> {backup}"], scenario.IdentityCenter.Switches);
    }

    [Fact]
    public async Task Handle_WhenTheApprovedKeyIsAMultiRegionKeyListedInAnotherRegion_ShouldUseItsReplicaInTheInstancesRegion()
    {
        var scenario = Remediating(GuardScenario.Key.InRegion("eu-west-1").ToString());
        scenario.IdentityCenter.Encryption = EncryptionConfiguration.AwsOwned;

        await scenario.HandleAsync("sso-update-instance.json");

        Assert.Equal([$"{Support.FakeIdentityCenter.InstanceArn} -> {GuardScenario.Key}"], scenario.IdentityCenter.Switches);
    }

    [Fact]
    public async Task Handle_WhenTheDeploymentPinsItsTargets_ShouldSwitchOnlyToAPinnedKeyTheConfigurationApproves()
    {
        var scenario = PinnedToTheGuardedKey(approved: [Insiders, GuardScenario.Key]);

        await scenario.HandleAsync("sso-update-instance.json");

        Assert.Equal([$"{Support.FakeIdentityCenter.InstanceArn} -> {GuardScenario.Key}"], scenario.IdentityCenter.Switches);
    }

    [Fact]
    public async Task Handle_WhenOnlyAConfigurationEditApprovesTheKey_ShouldNeverSwitchToIt()
    {
        var scenario = PinnedToTheGuardedKey(approved: [Insiders]);

        var result = await scenario.HandleAsync("sso-update-instance.json");

        Assert.Empty(scenario.IdentityCenter.Switches);
        Assert.Equal(AlertOutcome.Alerted, result.Alert!.Outcome);
        Assert.Contains("no key of the deployment's SwitchTargetKeys is approved by the configuration", result.Alert.Steps[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_WhenTheDeploymentNamesNoTarget_ShouldSayWhereTargetsComeFrom()
    {
        var scenario = new GuardScenario(KeyState.Enabled, configuration: Configuration(GuardScenario.Key.ToString()), maySwitchEncryption: true, switchTargets: []);
        scenario.IdentityCenter.Encryption = EncryptionConfiguration.AwsOwned;

        var result = await scenario.HandleAsync("sso-update-instance.json");

        Assert.Empty(scenario.IdentityCenter.Switches);
        Assert.Contains("names no key the guard may switch Identity Center to (stack parameter SwitchTargetKeys)", result.Alert!.Steps[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_WhenTheDeploymentDoesNotAllowSwitching_ShouldSayHowToAllowIt()
    {
        var scenario = new GuardScenario(KeyState.Enabled, configuration: Configuration(GuardScenario.Key.ToString()), maySwitchEncryption: false);
        scenario.IdentityCenter.Encryption = EncryptionConfiguration.AwsOwned;

        var result = await scenario.HandleAsync("sso-update-instance.json");

        Assert.Empty(scenario.IdentityCenter.Switches);
        Assert.Contains("EncryptionRemediation=enabled", result.Alert!.Steps[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_WhenTheRuleIsInItsDefaultAlertMode_ShouldNotEvenCheckTheApprovedKeys()
    {
        var scenario = new GuardScenario(KeyState.Enabled, configuration: GuardConfiguration.Defaults with { ApprovedKeys = [GuardScenario.Key.ToString()] }, maySwitchEncryption: true);
        scenario.IdentityCenter.Encryption = EncryptionConfiguration.AwsOwned;

        var result = await scenario.HandleAsync("sso-update-instance.json");

        Assert.Empty(scenario.IdentityCenter.Switches);
        Assert.Empty(scenario.Keys.Calls);
        Assert.Equal("Not done: rule IDC-ENCRYPTION-APPROVED is in mode 'alert'.", result.Alert!.Steps[0].Detail);
    }

    [Fact]
    public async Task Handle_WhenDryRun_ShouldSayWhatItWouldHaveDone()
    {
        var scenario = new GuardScenario(KeyState.Enabled, configuration: Configuration(GuardScenario.Key.ToString()) with { DryRun = true }, maySwitchEncryption: true);
        scenario.IdentityCenter.Encryption = EncryptionConfiguration.AwsOwned;

        var result = await scenario.HandleAsync("sso-update-instance.json");

        Assert.Empty(scenario.IdentityCenter.Switches);
        Assert.Equal(AlertOutcome.DryRun, result.Alert!.Outcome);
        Assert.StartsWith($"Dry run: would have switched Identity Center back to the approved key {GuardScenario.Key}", result.Alert.Steps[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_WhenUpdateInstanceIsRefused_ShouldReportTheAwsError()
    {
        var scenario = Remediating();
        scenario.IdentityCenter.Encryption = EncryptionConfiguration.AwsOwned;
        scenario.IdentityCenter.SwitchFailure = new AwsCallException("sso", "UpdateInstance", "AccessDeniedException", "not authorized", "req-7", 400);

        var result = await scenario.HandleAsync("sso-update-instance.json");

        Assert.Equal(AlertOutcome.Failed, result.Alert!.Outcome);
        Assert.Equal("Identity Center left its approved key; the guard could not switch it back", result.Alert.Headline);
        Assert.Contains("AccessDeniedException", result.Alert.Steps[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_WhenTheSwitchBackFails_ShouldReportTheReason()
    {
        var scenario = Remediating();
        scenario.IdentityCenter.Encryption = EncryptionConfiguration.AwsOwned;
        scenario.IdentityCenter.AfterSwitch = _ => EncryptionConfiguration.AwsOwned with { Status = EncryptionStatus.UpdateFailed, StatusReason = "KMS_AccessDeniedException: denied" };

        var result = await scenario.HandleAsync("sso-update-instance.json");

        Assert.Equal(AlertOutcome.Failed, result.Alert!.Outcome);
        Assert.Contains("KMS_AccessDeniedException", result.Alert.Verification!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_WhenTheSwitchIsStillUpdating_ShouldCountItAsUnderWay()
    {
        var scenario = Remediating();
        scenario.IdentityCenter.Encryption = EncryptionConfiguration.AwsOwned;
        scenario.IdentityCenter.AfterSwitch = key => new EncryptionConfiguration(EncryptionKeyType.CustomerManagedKey, key, EncryptionStatus.Updating, null);

        var result = await scenario.HandleAsync("sso-update-instance.json");

        Assert.Equal(AlertOutcome.Fixed, result.Alert!.Outcome);
        Assert.Contains("UPDATING", result.Alert.Verification!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_WhenTheGuardsOwnSwitchArrives_ShouldVerifyQuietly()
    {
        var scenario = Remediating();

        var result = await scenario.HandleAsync("sso-update-instance.json", json => json.Replace(
            "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_AdministratorAccess_0123456789abcdef",
            GuardScenario.GuardRoleArn,
            StringComparison.Ordinal));

        Assert.Equal(Core.Guarding.Disposition.Verified, result.Disposition);
        Assert.Empty(scenario.IdentityCenter.Switches);
    }

    // The deployment pins the guarded key as its only target; the insider's key, as usable, is in the account too.
    private static GuardScenario PinnedToTheGuardedKey(KeyArn[] approved)
    {
        var scenario = new GuardScenario(
            KeyState.Enabled,
            configuration: Configuration([.. approved.Select(k => k.ToString())]),
            maySwitchEncryption: true,
            switchTargets: [GuardScenario.Key]);
        scenario.Keys.Add(Insiders, KeyState.Enabled, scenario.Keys.PolicyOf(GuardScenario.Key));
        scenario.IdentityCenter.Encryption = EncryptionConfiguration.AwsOwned;
        return scenario;
    }

    private static GuardScenario Remediating(params string[] approved) =>
        new(KeyState.Enabled, configuration: Configuration(approved.Length == 0 ? [GuardScenario.Key.ToString()] : approved), maySwitchEncryption: true);

    private static GuardConfiguration Configuration(params string[] approved) => GuardConfiguration.Defaults with
    {
        ApprovedKeys = approved,
        RuleModes = new Dictionary<string, RuleMode>(StringComparer.Ordinal) { ["IDC-ENCRYPTION-APPROVED"] = RuleMode.Remediate },
    };
}
