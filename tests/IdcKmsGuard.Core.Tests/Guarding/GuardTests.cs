using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Guarding;
using IdcKmsGuard.Core.IdentityCenter;
using IdcKmsGuard.Core.Keys;

namespace IdcKmsGuard.Core.Tests.Guarding;

public sealed class GuardTests
{
    [Fact]
    public async Task Handle_WhenKeyWasDisabledAndRemediationOn_ShouldEnableVerifyAndReportFixed()
    {
        var scenario = new GuardScenario(KeyState.Disabled);

        var result = await scenario.HandleAsync("kms-disable-key.json");

        Assert.Equal(Disposition.Alerted, result.Disposition);
        Assert.Equal(KeyState.Enabled, scenario.Keys.StateOf(GuardScenario.Key));
        Assert.Equal(AlertOutcome.Fixed, result.Alert!.Outcome);
        Assert.Equal("KEY-ENABLED", result.Alert.RuleId);
        Assert.Equal(Severity.Critical, result.Alert.Severity);
        Assert.True(result.Alert.Verification!.Passed);
        Assert.Equal([("EnableKey", StepStatus.Fixed)], result.Alert.Steps.Select(s => (s.Action, s.Status)));
        Assert.Single(scenario.Publisher.Published);
    }

    [Fact]
    public async Task Handle_WhenKeyWasDisabledAndRemediationOff_ShouldAlertAndChangeNothing()
    {
        var scenario = new GuardScenario(KeyState.Disabled, remediate: false);

        var result = await scenario.HandleAsync("kms-disable-key.json");

        Assert.Equal(KeyState.Disabled, scenario.Keys.StateOf(GuardScenario.Key));
        Assert.Equal(AlertOutcome.Alerted, result.Alert!.Outcome);
        var skipped = Assert.Single(result.Alert.Steps);
        Assert.Equal(StepStatus.Skipped, skipped.Status);
        Assert.Contains("RemediationMode=alert", skipped.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(scenario.Keys.Calls, c => c.StartsWith("EnableKey", StringComparison.Ordinal));
        Assert.Contains(result.Alert.NextSteps, s => s.Contains("aws kms enable-key", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Handle_WhenDeletionScheduled_ShouldCancelThenEnableInThatOrder()
    {
        var scenario = new GuardScenario(KeyState.PendingDeletion);

        var result = await scenario.HandleAsync("kms-schedule-key-deletion.json");

        Assert.Equal(KeyState.Enabled, scenario.Keys.StateOf(GuardScenario.Key));
        Assert.Equal(["CancelKeyDeletion", "EnableKey"], result.Alert!.Steps.Select(s => s.Action));
        Assert.Equal("KEY-NOT-PENDING-DELETION", result.Alert.RuleId);
        Assert.Equal(AlertOutcome.Fixed, result.Alert.Outcome);
        var writes = scenario.Keys.Calls.Where(c => !c.StartsWith("Describe", StringComparison.Ordinal) && !c.StartsWith("List", StringComparison.Ordinal)).ToList();
        Assert.Equal(["CancelKeyDeletion", "EnableKey"], writes.Select(c => c.Split(' ')[0]));
    }

    [Fact]
    public async Task Handle_WhenDisableEventArrivesButKeyIsNowPendingDeletion_ShouldActOnTheLiveState()
    {
        var scenario = new GuardScenario(KeyState.PendingDeletion);

        var result = await scenario.HandleAsync("kms-disable-key.json");

        Assert.Equal(KeyState.Enabled, scenario.Keys.StateOf(GuardScenario.Key));
        Assert.Equal(["CancelKeyDeletion", "EnableKey"], result.Alert!.Steps.Select(s => s.Action));
    }

    [Fact]
    public async Task Handle_WhenDeletionIsScheduledWhileTheGuardReEnables_ShouldReplanAndEndEnabled()
    {
        var scenario = new GuardScenario(KeyState.Disabled);
        scenario.Keys.BeforeNextEnable = store => store.SetState(GuardScenario.Key, KeyState.PendingDeletion);

        var result = await scenario.HandleAsync("kms-disable-key.json");

        Assert.Equal(KeyState.Enabled, scenario.Keys.StateOf(GuardScenario.Key));
        Assert.Equal(["EnableKey", "CancelKeyDeletion", "EnableKey"], result.Alert!.Steps.Select(s => s.Action));
        Assert.Equal([StepStatus.Failed, StepStatus.Fixed, StepStatus.Fixed], result.Alert.Steps.Select(s => s.Status));
        Assert.True(result.Alert.Verification!.Passed);
        Assert.Equal(AlertOutcome.Fixed, result.Alert.Outcome);
    }

    [Fact]
    public async Task Handle_WhenRemediationFails_ShouldReportFailedWithTheAwsError()
    {
        var scenario = new GuardScenario(KeyState.Disabled);
        scenario.Keys.DeniedOperations.Add("EnableKey");

        var result = await scenario.HandleAsync("kms-disable-key.json");

        Assert.Equal(AlertOutcome.Failed, result.Alert!.Outcome);
        var step = Assert.Single(result.Alert.Steps);
        Assert.Equal(StepStatus.Failed, step.Status);
        Assert.Contains("AccessDeniedException", step.Detail, StringComparison.Ordinal);
        Assert.Contains("req-denied", step.Detail, StringComparison.Ordinal);
        Assert.False(result.Alert.Verification!.Passed);
        Assert.Equal("Identity Center key is disabled; the guard could not re-enable it", result.Alert.Headline);
    }

    [Fact]
    public async Task Handle_WhenEventConcernsAnotherKey_ShouldIgnoreWithoutReadingIt()
    {
        var scenario = new GuardScenario(KeyState.Disabled);

        var result = await scenario.HandleAsync("kms-disable-key.json", json => json.Replace("mrk-1234abcd12ab34cd56ef1234567890ab", "mrk-99999999999999999999999999999999", StringComparison.Ordinal));

        Assert.Equal(Disposition.Ignored, result.Disposition);
        Assert.Empty(scenario.Keys.Calls);
        Assert.Empty(scenario.Publisher.Published);
    }

    [Fact]
    public async Task Handle_WhenEventNamesOnlyAnAlias_ShouldResolveItAndAct()
    {
        var scenario = new GuardScenario(KeyState.Disabled);

        var result = await scenario.HandleAsync("kms-disable-key-by-alias.json");

        Assert.Equal("DescribeKey alias/idc-identity", scenario.Keys.Calls[0]);
        Assert.Equal(AlertOutcome.Fixed, result.Alert!.Outcome);
    }

    [Fact]
    public async Task Handle_WhenEventIsAboutAReplicaInAnotherRegion_ShouldTargetTheReplica()
    {
        var scenario = new GuardScenario(KeyState.Enabled);
        var replica = GuardScenario.Key.InRegion("eu-west-1");
        scenario.Keys.Add(replica, KeyState.Disabled);

        var result = await scenario.HandleAsync("kms-disable-key.json", json => json.Replace("us-east-1", "eu-west-1", StringComparison.Ordinal));

        Assert.Equal(replica.ToString(), result.Alert!.KeyArn);
        Assert.Equal(KeyState.Enabled, scenario.Keys.StateOf(replica));
    }

    [Fact]
    public async Task Handle_WhenActorIsTheGuardsOwnRoleAndStateIsGood_ShouldVerifyQuietly()
    {
        var scenario = new GuardScenario(KeyState.Enabled);

        var result = await scenario.HandleAsync("kms-enable-key.json", AsGuard);

        Assert.Equal(Disposition.Verified, result.Disposition);
        Assert.Empty(scenario.Publisher.Published);
    }

    [Fact]
    public async Task Handle_WhenActorIsTheGuardsOwnRoleAndStateIsBad_ShouldAlertButNotActAgain()
    {
        var scenario = new GuardScenario(KeyState.Disabled);

        var result = await scenario.HandleAsync("kms-cancel-key-deletion.json", AsGuard);

        Assert.Equal(Disposition.Alerted, result.Disposition);
        Assert.All(result.Alert!.Steps, s => Assert.Equal(StepStatus.Skipped, s.Status));
        Assert.Contains(result.Alert.Steps, s => s.Detail.Contains("the guard's own", StringComparison.Ordinal));
        Assert.Equal(KeyState.Disabled, scenario.Keys.StateOf(GuardScenario.Key));
    }

    [Fact]
    public async Task Handle_WhenKeyEnabledAndHealthy_ShouldNotAlert()
    {
        var scenario = new GuardScenario(KeyState.Enabled);

        var result = await scenario.HandleAsync("kms-enable-key.json");

        Assert.Equal(Disposition.Healthy, result.Disposition);
        Assert.Empty(scenario.Publisher.Published);
    }

    [Fact]
    public async Task Handle_WhenDisableAttemptWasDenied_ShouldAlertAttemptWithoutActing()
    {
        var scenario = new GuardScenario(KeyState.Enabled);

        var result = await scenario.HandleAsync("kms-disable-key-failed.json");

        Assert.Equal("ATTEMPT-DENIED", result.Alert!.RuleId);
        Assert.Equal(Severity.Medium, result.Alert.Severity);
        Assert.Empty(result.Alert.Steps);
    }

    [Fact]
    public async Task Handle_WhenPolicyDropsServiceStatementsAndRemediationIsOff_ShouldAlertNamingWhatWasLost()
    {
        var scenario = new GuardScenario(KeyState.Enabled, remediate: false, policy: RootOnlyPolicy);

        var result = await scenario.HandleAsync("kms-put-key-policy.json");

        Assert.Equal("KEY-POLICY-HEALTHY", result.Alert!.RuleId);
        Assert.Equal(AlertOutcome.Alerted, result.Alert.Outcome);
        var critical = result.Alert.Findings.Where(f => f.Severity == Severity.Critical).ToList();
        Assert.Equal(2, critical.Count);
        Assert.Contains(critical, f => f.Message.StartsWith("IDC-KEY-ACCESS: sso.amazonaws.com can no longer call kms:Decrypt", StringComparison.Ordinal));
        Assert.Contains(critical, f => f.Message.StartsWith("IDC-KEY-ACCESS: identitystore.amazonaws.com", StringComparison.Ordinal));
        Assert.Equal(RootOnlyPolicy, scenario.Keys.PolicyOf(GuardScenario.Key));
    }

    [Fact]
    public async Task Handle_WhenPolicyDropsServiceStatementsAndRemediationIsOn_ShouldRepairVerifyAndShowTheDiff()
    {
        var scenario = new GuardScenario(KeyState.Enabled, policy: RootOnlyPolicy);

        var result = await scenario.HandleAsync("kms-put-key-policy.json");

        Assert.Equal(AlertOutcome.Fixed, result.Alert!.Outcome);
        Assert.True(result.Alert.Verification!.Passed);
        Assert.Equal(["PutKeyPolicy"], result.Alert.Steps.Select(s => s.Action));
        Assert.All(result.Alert.Findings.Where(f => f.Severity == Severity.Critical), f => Assert.True(f.Resolved));
        Assert.Contains(result.Alert.PolicyDiff, line => line.StartsWith("+ statement #2 \"AllowIdentityCenterAndIdentityStoreToDescribeKey\"", StringComparison.Ordinal));
        Assert.Contains("ssoins-1111222233334444", scenario.Keys.PolicyOf(GuardScenario.Key), StringComparison.Ordinal);
        Assert.Equal("Identity Center key policy locked it out; the guard repaired it", result.Alert.Headline);
    }

    [Fact]
    public async Task Handle_WhenPolicyChangeKeepsServiceAccess_ShouldNotAlert()
    {
        var scenario = new GuardScenario(KeyState.Enabled);

        var result = await scenario.HandleAsync("kms-put-key-policy.json");

        Assert.Equal(Disposition.Healthy, result.Disposition);
    }

    [Fact]
    public async Task Handle_WhenKeyNoLongerExists_ShouldAlertKeyDeletedWithRecoveryRunbook()
    {
        var scenario = new GuardScenario(KeyState.Enabled);
        scenario.Keys.Remove(GuardScenario.Key);

        var result = await scenario.HandleAsync("kms-cmk-deletion.json");

        Assert.Equal("KEY-DELETED", result.Alert!.RuleId);
        Assert.Equal(AlertOutcome.Alerted, result.Alert.Outcome);
        Assert.Null(result.Alert.KeyStateBefore);
        Assert.Contains(result.Alert.NextSteps, s => s.Contains("cannot be restored", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Handle_WhenIdentityCenterSwitchedToAwsOwnedKey_ShouldAlertHigh()
    {
        var scenario = new GuardScenario(KeyState.Enabled);
        scenario.IdentityCenter.Encryption = EncryptionConfiguration.AwsOwned;

        var result = await scenario.HandleAsync("sso-update-instance.json");

        Assert.Equal("IDC-ENCRYPTION-APPROVED", result.Alert!.RuleId);
        Assert.Equal(Severity.High, result.Alert.Severity);
        Assert.Equal("Identity Center switched to an AWS owned key", result.Alert.Headline);
    }

    [Fact]
    public async Task Handle_WhenIdentityCenterSwitchFailed_ShouldAlertCriticalWithReason()
    {
        var scenario = new GuardScenario(KeyState.Enabled);
        scenario.IdentityCenter.Encryption = scenario.IdentityCenter.Encryption with { Status = EncryptionStatus.UpdateFailed, StatusReason = "KMS_DisabledException: key is disabled" };

        var result = await scenario.HandleAsync("sso-update-instance.json");

        Assert.Equal("IDC-ENCRYPTION-STATUS", result.Alert!.RuleId);
        Assert.Equal(Severity.Critical, result.Alert.Severity);
        Assert.Contains("KMS_DisabledException", result.Alert.Findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_WhenIdentityCenterSwitchedToAKeyInAnotherRegion_ShouldAlertKeySpec()
    {
        var scenario = new GuardScenario(KeyState.Enabled);
        var elsewhere = KeyArn.Parse("arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab");
        scenario.Keys.Add(elsewhere, KeyState.Enabled, scenario.Keys.PolicyOf(GuardScenario.Key));
        scenario.IdentityCenter.Encryption = scenario.IdentityCenter.Encryption with { KmsKeyArn = elsewhere };

        var result = await scenario.HandleAsync("sso-update-instance.json");

        Assert.Equal("Identity Center switched to a key that cannot serve it", result.Alert!.Headline);
        Assert.Contains(result.Alert.Findings, f => f.RuleId == "KEY-SPEC" && f.Message.Contains("eu-west-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Handle_WhenIdentityCenterSwitchedToAKeyWithImportedMaterial_ShouldNoticeAndReportTheOrigin()
    {
        var scenario = new GuardScenario(KeyState.Enabled);
        scenario.Keys.Update(GuardScenario.Key, key => key with { Origin = "EXTERNAL" });

        var result = await scenario.HandleAsync("sso-update-instance.json");

        Assert.Equal("Identity Center switched to another customer managed key", result.Alert!.Headline);
        Assert.Equal(Severity.Medium, result.Alert.Severity);
        Assert.Contains(result.Alert.Findings, f => f.RuleId == "KEY-SPEC" && f.Message.Contains("origin EXTERNAL", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Handle_WhenUpdateInstanceNamesAnotherInstance_ShouldIgnoreIt()
    {
        var scenario = new GuardScenario(KeyState.Enabled);

        var result = await scenario.HandleAsync("sso-update-instance.json", json => json.Replace("ssoins-1111222233334444", "ssoins-9999888877776666", StringComparison.Ordinal));

        Assert.Equal(Disposition.Ignored, result.Disposition);
        Assert.Contains("does not exist or is not visible", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_WhenUnsupportedEvent_ShouldIgnoreWithoutAnyCall()
    {
        var scenario = new GuardScenario(KeyState.Disabled);

        var result = await scenario.HandleAsync("kms-create-grant.json");

        Assert.Equal(Disposition.Ignored, result.Disposition);
        Assert.Empty(scenario.Keys.Calls);
    }

    private const string RootOnlyPolicy = """{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}""";

    private static string AsGuard(string json) =>
        json.Replace("arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_AdministratorAccess_0123456789abcdef", GuardScenario.GuardRoleArn, StringComparison.Ordinal);
}
