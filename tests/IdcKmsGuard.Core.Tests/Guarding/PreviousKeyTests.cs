using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Guarding;
using IdcKmsGuard.Core.IdentityCenter;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.State;
using IdcKmsGuard.Testing;

namespace IdcKmsGuard.Core.Tests.Guarding;

/// <summary>While a switch is UPDATING or after UPDATE_FAILED, Identity Center still uses the previous key.</summary>
public sealed class PreviousKeyTests
{
    private static readonly KeyArn Requested = KeyArn.Parse("arn:aws:kms:us-east-1:111122223333:key/mrk-99999999999999999999999999999999");
    private static readonly string Baseline = File.ReadAllText(Path.Combine(RepoPaths.Reference, "key-policies", "key-policy-baseline-2026.json"));

    [Theory]
    [InlineData(EncryptionStatus.Updating)]
    [InlineData(EncryptionStatus.UpdateFailed)]
    public async Task Handle_WhenThePreviousKeyIsDisabledMidSwitch_ShouldProtectItAsTheKeyInUse(EncryptionStatus status)
    {
        var scenario = Switching(status);

        var result = await scenario.HandleAsync("kms-disable-key.json");

        Assert.Equal((AlertOutcome.Fixed, "KEY-ENABLED"), (result.Alert!.Outcome, result.Alert.RuleId));
        Assert.Equal(GuardScenario.Key.ToString(), result.Alert.KeyArn);
        Assert.Equal(KeyState.Enabled, scenario.Keys.StateOf(GuardScenario.Key));
    }

    [Fact]
    public async Task Handle_WhenThePreviousKeyWasNeverSeen_ShouldNotKnowItIsInUse()
    {
        var scenario = Switching(EncryptionStatus.Updating);
        scenario.State.KeysInUse.Clear();

        var result = await scenario.HandleAsync("kms-disable-key.json");

        Assert.Equal(Disposition.Ignored, result.Disposition);
    }

    [Fact]
    public async Task Sweep_AfterAFailedSwitch_ShouldKeepThePreviousKeyHealthy()
    {
        var scenario = Switching(EncryptionStatus.UpdateFailed);

        var result = await scenario.HandleAsync("scheduled-event.json");

        Assert.Contains(result.Alerts, a => a.KeyArn == GuardScenario.Key.ToString() && a.RuleId == "KEY-ENABLED" && a.Outcome == AlertOutcome.Fixed);
        Assert.Equal(KeyState.Enabled, scenario.Keys.StateOf(GuardScenario.Key));
    }

    [Fact]
    public async Task Sweep_WhenEnabled_ShouldRememberTheKeyInUse()
    {
        var scenario = new GuardScenario(KeyState.Enabled);
        scenario.Keys.RotationEnabled.Add(GuardScenario.Key.ToString());

        await scenario.HandleAsync("scheduled-event.json");

        Assert.Equal(GuardScenario.Key.ToString(), scenario.State.KeysInUse[Support.FakeIdentityCenter.InstanceArn].KeyArn);
    }

    [Fact]
    public async Task Handle_AfterAFailedSwitch_ShouldLeaveTheRequestedKeyToItsOwners()
    {
        var scenario = Switching(EncryptionStatus.UpdateFailed);
        scenario.Keys.SetState(Requested, KeyState.Disabled);

        var result = await scenario.HandleAsync("kms-disable-key.json", json => json.Replace("mrk-1234abcd12ab34cd56ef1234567890ab", "mrk-99999999999999999999999999999999", StringComparison.Ordinal));

        Assert.Equal(Disposition.Ignored, result.Disposition);
        Assert.Equal(KeyState.Disabled, scenario.Keys.StateOf(Requested));
    }

    [Fact]
    public async Task Sweep_WhenIdentityCenterUsesAnAwsOwnedKey_ShouldForgetThePreviousCustomerKey()
    {
        var scenario = Switching(EncryptionStatus.Enabled);
        scenario.IdentityCenter.Encryption = EncryptionConfiguration.AwsOwned;
        await scenario.HandleAsync("scheduled-event.json");
        scenario.IdentityCenter.Encryption = new EncryptionConfiguration(EncryptionKeyType.CustomerManagedKey, Requested, EncryptionStatus.UpdateFailed, "KMS_AccessDeniedException");

        var result = await scenario.HandleAsync("kms-disable-key.json");

        Assert.Equal(string.Empty, scenario.State.KeysInUse[Support.FakeIdentityCenter.InstanceArn].KeyArn);
        Assert.Equal(Disposition.Ignored, result.Disposition);
        Assert.Equal(KeyState.Disabled, scenario.Keys.StateOf(GuardScenario.Key));
    }

    // The instance names the requested key; the guard last saw it ENABLED with the scenario's key, now disabled.
    private static GuardScenario Switching(EncryptionStatus status)
    {
        var scenario = new GuardScenario(KeyState.Disabled);
        scenario.Keys.RotationEnabled.Add(GuardScenario.Key.ToString());
        scenario.Keys.Add(Requested, KeyState.Enabled, Baseline);
        scenario.Keys.RotationEnabled.Add(Requested.ToString());
        scenario.IdentityCenter.Encryption = new EncryptionConfiguration(EncryptionKeyType.CustomerManagedKey, Requested, status, status == EncryptionStatus.UpdateFailed ? "KMS_AccessDeniedException" : null);
        scenario.State.KeysInUse[Support.FakeIdentityCenter.InstanceArn] = new KeyInUse(Support.FakeIdentityCenter.InstanceArn, GuardScenario.Key.ToString(), GuardScenario.Now.AddDays(-1));
        return scenario;
    }
}
