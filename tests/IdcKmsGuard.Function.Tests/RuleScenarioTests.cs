using Amazon.KeyManagementService.Model;
using IdcKmsGuard.Aws.SsoAdmin;

namespace IdcKmsGuard.Function.Tests;

/// <summary>One scenario per rule and mode, end to end on the stand-in with the configuration read from SSM.</summary>
public sealed class RuleScenarioTests
{
    [Theory]
    [InlineData("remediate", "Enabled", "fixed")]
    [InlineData("alert", "Disabled", "alerted")]
    public async Task KeyEnabled_InEachMode_ShouldEndAsConfigured(string mode, string state, string outcome)
    {
        var rig = new GuardRig(configuration: Rules("KEY-ENABLED", mode));
        await rig.Kms.DisableKeyAsync(new DisableKeyRequest { KeyId = rig.Seeded.KeyArn });

        await rig.InvokeAsync(rig.Event("kms-disable-key.json"));

        Assert.Equal(state, await rig.KeyStateAsync());
        Assert.Equal(outcome, Assert.Single(await rig.ReceivedAlertsAsync()).Outcome);
    }

    [Fact]
    public async Task KeyRotation_WhenOff_ShouldStayQuiet()
    {
        var rig = new GuardRig(configuration: """{"version": 1, "rules": {"KEY-ROTATION": "off"}}""");
        await rig.Kms.DisableKeyRotationAsync(new DisableKeyRotationRequest { KeyId = rig.Seeded.KeyArn });

        var response = await rig.InvokeAsync(rig.Event("kms-disable-key-rotation.json"));

        Assert.Equal("Healthy", response.GetProperty("disposition").GetString());
        Assert.Empty(await rig.ReceivedAlertsAsync(waitSeconds: 1));
    }

    [Fact]
    public async Task KeyNotPendingDeletion_InAlertMode_ShouldLeaveTheDeletionScheduled()
    {
        var rig = new GuardRig(configuration: """{"version": 1, "rules": {"KEY-NOT-PENDING-DELETION": "alert"}}""");
        await rig.Kms.ScheduleKeyDeletionAsync(new ScheduleKeyDeletionRequest { KeyId = rig.Seeded.KeyArn, PendingWindowInDays = 7 });

        await rig.InvokeAsync(rig.Event("kms-schedule-key-deletion.json"));

        Assert.Equal("PendingDeletion", await rig.KeyStateAsync());
        Assert.Equal("KEY-NOT-PENDING-DELETION", Assert.Single(await rig.ReceivedAlertsAsync()).Rule);
    }

    [Theory]
    [InlineData("remediate", true, "fixed")]
    [InlineData("alert", false, "alerted")]
    public async Task KeyRotation_InEachMode_ShouldEndAsConfigured(string mode, bool rotating, string outcome)
    {
        var rig = new GuardRig(configuration: Rules("KEY-ROTATION", mode));
        await rig.Kms.DisableKeyRotationAsync(new DisableKeyRotationRequest { KeyId = rig.Seeded.KeyArn });

        await rig.InvokeAsync(rig.Event("kms-disable-key-rotation.json"));

        var alert = Assert.Single(await rig.ReceivedAlertsAsync());
        Assert.Equal(("KEY-ROTATION", outcome), (alert.Rule, alert.Outcome));
        Assert.Equal(rotating, (await rig.Kms.GetKeyRotationStatusAsync(new GetKeyRotationStatusRequest { KeyId = rig.Seeded.KeyArn })).KeyRotationEnabled);
    }

    [Fact]
    public async Task KeyPolicyHealthy_InAlertMode_ShouldReportWithoutRepairing()
    {
        var rig = new GuardRig(configuration: """{"version": 1, "rules": {"KEY-POLICY-HEALTHY": "alert"}}""");
        var rootOnly = $$"""{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{rig.Account.AccountId}}:root"},"Action":"kms:*","Resource":"*"}]}""";
        await rig.Kms.PutKeyPolicyAsync(new PutKeyPolicyRequest { KeyId = rig.Seeded.KeyArn, PolicyName = "default", Policy = rootOnly });

        await rig.InvokeAsync(rig.Event("kms-put-key-policy.json"));

        var alert = Assert.Single(await rig.ReceivedAlertsAsync());
        Assert.Equal(("KEY-POLICY-HEALTHY", "alerted"), (alert.Rule, alert.Outcome));
        Assert.Equal(rootOnly, (await rig.Kms.GetKeyPolicyAsync(new GetKeyPolicyRequest { KeyId = rig.Seeded.KeyArn, PolicyName = "default" })).Policy);
    }

    [Fact]
    public async Task AttemptDenied_WhenADisableWasRefused_ShouldAlertMedium()
    {
        var rig = new GuardRig();

        await rig.InvokeAsync(rig.Event("kms-disable-key-failed.json"));

        var alert = Assert.Single(await rig.ReceivedAlertsAsync());
        Assert.Equal(("ATTEMPT-DENIED", "medium"), (alert.Rule, alert.Attributes["severity"]));
    }

    [Fact]
    public async Task EncryptionApproved_WhenIdentityCenterMovesToAKeyOffTheList_ShouldAlert()
    {
        var rig = new GuardRig(configuration: """{"version": 1, "approvedKeys": ["arn:aws:kms:us-east-1:111122223333:key/mrk-00000000000000000000000000000000"]}""");
        await rig.InvokeAsync(rig.Event("sso-update-instance.json", json => json.Replace("AWS_OWNED_KMS_KEY", "CUSTOMER_MANAGED_KEY", StringComparison.Ordinal)));

        var alert = Assert.Single(await rig.ReceivedAlertsAsync());

        Assert.Equal("IDC-ENCRYPTION-APPROVED", alert.Rule);
        Assert.Contains("not on the approved list", alert.Document.GetProperty("findings")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EncryptionApproved_InRemediateMode_ShouldSwitchIdentityCenterBackToTheApprovedKey()
    {
        var rig = new GuardRig(configuration: null, maySwitchEncryption: true);
        await rig.PutConfigurationAsync(SwitchBackTo(rig.Seeded.KeyArn));
        await rig.SsoAdmin.UpdateInstanceAsync(new UpdateInstanceRequest(rig.Seeded.InstanceArn, EncryptionConfiguration: new EncryptionConfiguration("AWS_OWNED_KMS_KEY")), CancellationToken.None);

        var result = await rig.InvokeAsync(rig.Event("sso-update-instance.json"));

        var alert = Assert.Single(await rig.ReceivedAlertsAsync());
        Assert.Equal(("IDC-ENCRYPTION-APPROVED", "fixed"), (alert.Rule, alert.Outcome));
        Assert.Equal("UpdateInstance", alert.Document.GetProperty("steps")[0].GetProperty("action").GetString());
        var now = await rig.SsoAdmin.DescribeInstanceAsync(rig.Seeded.InstanceArn, CancellationToken.None);
        Assert.Equal(("CUSTOMER_MANAGED_KEY", rig.Seeded.KeyArn, "ENABLED"), (now.EncryptionConfigurationDetails!.KeyType, now.EncryptionConfigurationDetails.KmsKeyArn, now.EncryptionConfigurationDetails.EncryptionStatus));
        Assert.Equal("Alerted", result.GetProperty("disposition").GetString());
    }

    [Fact]
    public async Task EncryptionApproved_InRemediateMode_ShouldRefuseToSwitchToAnApprovedKeyThatIsDisabled()
    {
        var rig = new GuardRig(configuration: null, maySwitchEncryption: true);
        await rig.PutConfigurationAsync(SwitchBackTo(rig.Seeded.KeyArn));
        await rig.SsoAdmin.UpdateInstanceAsync(new UpdateInstanceRequest(rig.Seeded.InstanceArn, EncryptionConfiguration: new EncryptionConfiguration("AWS_OWNED_KMS_KEY")), CancellationToken.None);
        await rig.Kms.DisableKeyAsync(new Amazon.KeyManagementService.Model.DisableKeyRequest { KeyId = rig.Seeded.KeyArn });

        await rig.InvokeAsync(rig.Event("sso-update-instance.json"));

        var alert = Assert.Single(await rig.ReceivedAlertsAsync());
        Assert.Equal(("IDC-ENCRYPTION-APPROVED", "alerted"), (alert.Rule, alert.Outcome));
        Assert.Contains("no approved key passes every critical check", alert.Document.GetProperty("steps")[0].GetProperty("detail").GetString(), StringComparison.Ordinal);
        var now = await rig.SsoAdmin.DescribeInstanceAsync(rig.Seeded.InstanceArn, CancellationToken.None);
        Assert.Equal("AWS_OWNED_KMS_KEY", now.EncryptionConfigurationDetails!.KeyType);
    }

    [Fact]
    public async Task KeyPolicySafe_WhenThePolicyOpensTheKeyToEveryone_ShouldAlertHighAndLeaveThePolicy()
    {
        var rig = new GuardRig();
        var policy = System.Text.Json.Nodes.JsonNode.Parse((await rig.Kms.GetKeyPolicyAsync(new GetKeyPolicyRequest { KeyId = rig.Seeded.KeyArn, PolicyName = "default" })).Policy)!;
        policy["Statement"]!.AsArray().Add(System.Text.Json.Nodes.JsonNode.Parse("""{"Sid": "Everyone", "Effect": "Allow", "Principal": "*", "Action": "kms:Decrypt", "Resource": "*"}"""));
        var open = policy.ToJsonString();
        await rig.Kms.PutKeyPolicyAsync(new PutKeyPolicyRequest { KeyId = rig.Seeded.KeyArn, PolicyName = "default", Policy = open });

        await rig.InvokeAsync(rig.Event("kms-put-key-policy.json"));

        var alert = Assert.Single(await rig.ReceivedAlertsAsync());
        Assert.Equal(("KEY-POLICY-SAFE", "high", "alerted"), (alert.Rule, alert.Attributes["severity"], alert.Outcome));
        Assert.Contains(alert.Document.GetProperty("findings").EnumerateArray(), f => f.GetProperty("message").GetString()!.StartsWith("KEY-POLICY-PUBLIC", StringComparison.Ordinal));
        Assert.Equal(open, (await rig.Kms.GetKeyPolicyAsync(new GetKeyPolicyRequest { KeyId = rig.Seeded.KeyArn, PolicyName = "default" })).Policy);
    }

    [Fact]
    public async Task KeyMaterial_WhenTheImportedMaterialIsDeleted_ShouldAlertCritical()
    {
        var rig = new GuardRig();
        var external = await UseExternalKeyAsync(rig);
        await rig.Kms.DeleteImportedKeyMaterialAsync(new DeleteImportedKeyMaterialRequest { KeyId = external.Arn });

        await rig.InvokeAsync(rig.Event("kms-delete-imported-key-material.json", json => json.Replace(rig.Seeded.KeyId, external.KeyId, StringComparison.Ordinal)));

        var alert = Assert.Single(await rig.ReceivedAlertsAsync());
        Assert.Equal(("KEY-MATERIAL", "critical", "alerted"), (alert.Rule, alert.Attributes["severity"], alert.Outcome));
        Assert.Equal("PendingImport", alert.Document.GetProperty("key").GetProperty("stateBefore").GetString());
    }

    [Fact]
    public async Task KeySpec_WhenIdentityCenterAdoptsAKeyWithImportedMaterial_ShouldReportTheOrigin()
    {
        var rig = new GuardRig();
        await UseExternalKeyAsync(rig);

        await rig.InvokeAsync(rig.Event("sso-update-instance.json"));

        var alert = Assert.Single(await rig.ReceivedAlertsAsync());
        var finding = Assert.Single(alert.Document.GetProperty("findings").EnumerateArray());
        Assert.Equal(("KEY-SPEC", "medium"), (finding.GetProperty("rule").GetString(), finding.GetProperty("severity").GetString()));
        Assert.Contains("origin EXTERNAL", finding.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    // A key whose material was imported (the stand-in creates EXTERNAL keys as if it had been), now Identity Center's.
    private static async Task<KeyMetadata> UseExternalKeyAsync(GuardRig rig)
    {
        var policy = (await rig.Kms.GetKeyPolicyAsync(new GetKeyPolicyRequest { KeyId = rig.Seeded.KeyArn, PolicyName = "default" })).Policy;
        var key = (await rig.Kms.CreateKeyAsync(new CreateKeyRequest { Policy = policy, Origin = Amazon.KeyManagementService.OriginType.EXTERNAL })).KeyMetadata;
        await rig.SsoAdmin.UpdateInstanceAsync(new UpdateInstanceRequest(rig.Seeded.InstanceArn, EncryptionConfiguration: new EncryptionConfiguration("CUSTOMER_MANAGED_KEY", key.Arn)), CancellationToken.None);
        return key;
    }

    private static string SwitchBackTo(string keyArn) =>
        "{\"version\": 1, \"approvedKeys\": [\"" + keyArn + "\"], \"rules\": {\"IDC-ENCRYPTION-APPROVED\": \"remediate\"}}";

    private static string Rules(string rule, string mode) => "{\"version\": 1, \"rules\": {\"" + rule + "\": \"" + mode + "\"}}";
}
