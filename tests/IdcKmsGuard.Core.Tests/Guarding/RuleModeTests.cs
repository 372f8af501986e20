using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Guarding;
using IdcKmsGuard.Core.IdentityCenter;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.Rules;

namespace IdcKmsGuard.Core.Tests.Guarding;

/// <summary>What security teams tune: rule modes, dry-run, exemptions, suspend tags, approved keys.</summary>
public sealed class RuleModeTests
{
    private const string AliceSession = "arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_AdministratorAccess_0123456789abcdef/alice@example.com";

    [Fact]
    public async Task Handle_WhenRuleIsOff_ShouldNeitherAlertNorAct()
    {
        var scenario = new GuardScenario(KeyState.Disabled, configuration: With(modes: ("KEY-ENABLED", RuleMode.Off)));

        var result = await scenario.HandleAsync("kms-disable-key.json");

        Assert.Equal(Disposition.Healthy, result.Disposition);
        Assert.Equal(KeyState.Disabled, scenario.Keys.StateOf(GuardScenario.Key));
    }

    [Fact]
    public async Task Handle_WhenRuleIsInAlertMode_ShouldAlertAndSaySoInTheSkippedStep()
    {
        var scenario = new GuardScenario(KeyState.Disabled, configuration: With(modes: ("KEY-ENABLED", RuleMode.Alert)));

        var result = await scenario.HandleAsync("kms-disable-key.json");

        Assert.Equal(AlertOutcome.Alerted, result.Alert!.Outcome);
        Assert.Contains("mode 'alert'", Assert.Single(result.Alert.Steps).Detail, StringComparison.Ordinal);
        Assert.Equal(KeyState.Disabled, scenario.Keys.StateOf(GuardScenario.Key));
    }

    [Fact]
    public async Task Handle_WhenDryRun_ShouldSayWhatItWouldHaveDoneAndChangeNothing()
    {
        var scenario = new GuardScenario(KeyState.PendingDeletion, configuration: GuardConfiguration.Defaults with { DryRun = true });

        var result = await scenario.HandleAsync("kms-schedule-key-deletion.json");

        Assert.Equal(AlertOutcome.DryRun, result.Alert!.Outcome);
        Assert.Equal("Dry run: would have cancelled the deletion, then enabled the key.", Assert.Single(result.Alert.Steps).Detail);
        Assert.Equal(KeyState.PendingDeletion, scenario.Keys.StateOf(GuardScenario.Key));
        Assert.DoesNotContain(scenario.Keys.Calls, c => c.StartsWith("CancelKeyDeletion", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Handle_WhenActorIsExempt_ShouldReportExemptAndNotUndoTheChange()
    {
        var exemption = new PrincipalExemption("arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Administrator*", GuardScenario.Now.AddDays(1), "key maintenance");
        var scenario = new GuardScenario(KeyState.Disabled, configuration: GuardConfiguration.Defaults with { PrincipalExemptions = [exemption] });

        var result = await scenario.HandleAsync("kms-disable-key.json");

        Assert.Equal(AlertOutcome.Exempt, result.Alert!.Outcome);
        Assert.Contains("key maintenance", result.Alert.Steps[0].Detail, StringComparison.Ordinal);
        Assert.Equal(KeyState.Disabled, scenario.Keys.StateOf(GuardScenario.Key));
    }

    [Fact]
    public async Task Handle_WhenExemptionHasExpired_ShouldRemediate()
    {
        var exemption = new PrincipalExemption(AliceSession, GuardScenario.Now.AddMinutes(-1), null);
        var scenario = new GuardScenario(KeyState.Disabled, configuration: GuardConfiguration.Defaults with { PrincipalExemptions = [exemption] });

        var result = await scenario.HandleAsync("kms-disable-key.json");

        Assert.Equal(AlertOutcome.Fixed, result.Alert!.Outcome);
    }

    [Theory]
    [InlineData(1, AlertOutcome.Exempt, KeyState.Disabled)]
    [InlineData(-1, AlertOutcome.Fixed, KeyState.Enabled)]
    [InlineData(7 * 24, AlertOutcome.Exempt, KeyState.Disabled)]
    [InlineData(7 * 24 + 1, AlertOutcome.Fixed, KeyState.Enabled)]
    public async Task Handle_WhenKeyCarriesASuspendTag_ShouldHoldRemediationUntilItsTimeForAWeekAtMost(int hours, AlertOutcome outcome, KeyState end)
    {
        var scenario = new GuardScenario(KeyState.Disabled);
        scenario.Keys.Tag(GuardScenario.Key, GuardConfiguration.DefaultSuspendTagKey, GuardScenario.Now.AddHours(hours).ToString("O", System.Globalization.CultureInfo.InvariantCulture));

        var result = await scenario.HandleAsync("kms-disable-key.json");

        Assert.Equal(outcome, result.Alert!.Outcome);
        Assert.Equal(end, scenario.Keys.StateOf(GuardScenario.Key));
    }

    // "Suspended until 9999" is a way to switch the guard off: every sweep says the tag is ignored, and why.
    [Fact]
    public async Task Sweep_WhenASuspendTagAsksForLongerThanAllowed_ShouldReportThatItIsIgnored()
    {
        var scenario = new GuardScenario(KeyState.Enabled);
        scenario.Keys.RotationEnabled.Add(GuardScenario.Key.ToString());
        scenario.Keys.Tag(GuardScenario.Key, GuardConfiguration.DefaultSuspendTagKey, "9999-12-31T00:00:00Z");

        var sweep = await scenario.HandleAsync("scheduled-event.json");

        var alert = Assert.Single(sweep.Alerts);
        var finding = Assert.Single(alert.Findings, f => f.RuleId == "GUARD-ACCESS");
        Assert.Contains("9999-12-31 00:00 UTC, longer than the 7 days a suspension may last: the guard ignores it", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_WhenRotationWasDisabled_ShouldTurnItBackOnAndVerify()
    {
        var scenario = new GuardScenario(KeyState.Enabled);

        var result = await scenario.HandleAsync("kms-disable-key-rotation.json");

        Assert.Equal("KEY-ROTATION", result.Alert!.RuleId);
        Assert.Equal(AlertOutcome.Fixed, result.Alert.Outcome);
        Assert.Contains(GuardScenario.Key.ToString(), scenario.Keys.RotationEnabled);
    }

    [Fact]
    public async Task Handle_WhenIdentityCenterSwitchesToAnUnapprovedKey_ShouldAlertEvenIfTheKeyIsHealthy()
    {
        var other = KeyArn.Parse("arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab");
        var scenario = new GuardScenario(KeyState.Enabled, configuration: GuardConfiguration.Defaults with { ApprovedKeys = [GuardScenario.Key.ToString()] });
        scenario.Keys.Add(other, KeyState.Enabled, scenario.Keys.PolicyOf(GuardScenario.Key));
        scenario.IdentityCenter.Encryption = scenario.IdentityCenter.Encryption with { KmsKeyArn = other };

        var result = await scenario.HandleAsync("sso-update-instance.json");

        Assert.Equal("IDC-ENCRYPTION-APPROVED", result.Alert!.RuleId);
        Assert.Contains("not on the approved list", result.Alert.Findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_WhenAwsOwnedKeysAreAcceptable_ShouldOnlyNotify()
    {
        var scenario = new GuardScenario(KeyState.Enabled, configuration: GuardConfiguration.Defaults with { RequireCustomerManagedKey = false });
        scenario.IdentityCenter.Encryption = EncryptionConfiguration.AwsOwned;

        var result = await scenario.HandleAsync("sso-update-instance.json");

        Assert.Empty(result.Alert!.Findings);
        Assert.Equal(AlertOutcome.None, result.Alert.Outcome);
    }

    [Fact]
    public async Task Handle_WhenTheConfigurationWasRefused_ShouldAlertOncePerFaultAndStillGuard()
    {
        var fault = new ConfigurationFault(ConfigurationFaultKind.Invalid, "invalid:ssm:/idckmsguard/configuration@7:abc", "ssm:/idckmsguard/configuration (version 7): rules.KEY-ROTATION: 'sometimes' is not one of: off, alert, remediate");
        var snapshot = new ConfigurationSnapshot(GuardConfiguration.Defaults, ConfigurationSnapshot.DefaultsOrigin, [fault.Message], true, fault);
        var scenario = new GuardScenario(KeyState.Disabled, snapshot: snapshot);

        await scenario.HandleAsync("kms-disable-key.json");
        await scenario.HandleAsync("kms-enable-key.json");

        var configurationAlerts = scenario.Publisher.Published.Where(a => a.Attributes["rule"] == "GUARD-CONFIG").ToList();
        var alert = Assert.Single(configurationAlerts);
        Assert.Contains("'sometimes' is not one of", alert.EmailText, StringComparison.Ordinal);
        Assert.Equal(KeyState.Enabled, scenario.Keys.StateOf(GuardScenario.Key));
    }

    private static GuardConfiguration With(params (string Rule, RuleMode Mode)[] modes) =>
        GuardConfiguration.Defaults with { RuleModes = modes.ToDictionary(m => m.Rule, m => m.Mode, StringComparer.Ordinal) };
}
