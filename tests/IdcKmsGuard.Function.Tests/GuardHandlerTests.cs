using Amazon.KeyManagementService.Model;
using IdcKmsGuard.Aws.SsoAdmin;

namespace IdcKmsGuard.Function.Tests;

/// <summary>The handler end to end on the stand-in, through the same clients the deployed function uses.</summary>
public sealed class GuardHandlerTests
{
    private static string RootOnly(GuardRig rig) =>
        $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{rig.Account.AccountId}}:root"},"Action":"kms:*","Resource":"*"}]}""";

    [Fact]
    public async Task Handle_WhenKeyDisabled_ShouldReEnableItAndAlertTheSubscriber()
    {
        var rig = new GuardRig();
        await rig.Kms.DisableKeyAsync(new DisableKeyRequest { KeyId = rig.Seeded.KeyArn });

        var response = await rig.InvokeAsync(rig.Event("kms-disable-key.json"));

        Assert.Equal("Enabled", await rig.KeyStateAsync());
        Assert.Equal("Alerted", response.GetProperty("disposition").GetString());
        var alert = Assert.Single(await rig.ReceivedAlertsAsync());
        Assert.Equal("KEY-ENABLED", alert.Rule);
        Assert.Equal("fixed", alert.Outcome);
        Assert.Matches("^[0-9a-f]{32}$", alert.Attributes["alert_id"]);
        Assert.Equal(alert.Attributes["alert_id"], alert.Document.GetProperty("alertId").GetString());
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["severity"] = "critical",
                ["rule"] = "KEY-ENABLED",
                ["outcome"] = "fixed",
                ["key_arn"] = rig.Seeded.KeyArn,
                ["account"] = rig.Account.AccountId,
                ["region"] = "us-east-1",
                ["alert_id"] = alert.Attributes["alert_id"],
                ["kind"] = "alert",
                ["action_required"] = "false",
                ["incident_status"] = "resolved",
            },
            alert.Attributes);
        Assert.StartsWith("[CRITICAL] IdcKmsGuard:", alert.Subject, StringComparison.Ordinal);
        Assert.Equal(rig.Seeded.KeyArn, alert.Document.GetProperty("key").GetProperty("arn").GetString());
    }

    [Fact]
    public async Task Handle_WhenDeletionScheduled_ShouldCancelAndEnable()
    {
        var rig = new GuardRig();
        await rig.Kms.ScheduleKeyDeletionAsync(new ScheduleKeyDeletionRequest { KeyId = rig.Seeded.KeyArn, PendingWindowInDays = 7 });

        await rig.InvokeAsync(rig.Event("kms-schedule-key-deletion.json"));

        Assert.Equal("Enabled", await rig.KeyStateAsync());
        var alert = Assert.Single(await rig.ReceivedAlertsAsync());
        Assert.Equal("KEY-NOT-PENDING-DELETION", alert.Rule);
        Assert.Equal(["CancelKeyDeletion", "EnableKey"], alert.Document.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("action").GetString()));
    }

    [Fact]
    public async Task Handle_WhenRemediationIsOff_ShouldAlertAndLeaveTheKeyAsItIs()
    {
        var rig = new GuardRig(remediate: false);
        await rig.Kms.DisableKeyAsync(new DisableKeyRequest { KeyId = rig.Seeded.KeyArn });

        await rig.InvokeAsync(rig.Event("kms-disable-key.json"));

        Assert.Equal("Disabled", await rig.KeyStateAsync());
        Assert.Equal("alerted", Assert.Single(await rig.ReceivedAlertsAsync()).Outcome);
    }

    [Fact]
    public async Task Handle_WhenPolicyLosesServiceStatements_ShouldRepairItThroughKmsAndVerify()
    {
        var rig = new GuardRig();
        await rig.Kms.PutKeyPolicyAsync(new PutKeyPolicyRequest { KeyId = rig.Seeded.KeyArn, PolicyName = "default", Policy = RootOnly(rig) });

        await rig.InvokeAsync(rig.Event("kms-put-key-policy.json"));

        var alert = Assert.Single(await rig.ReceivedAlertsAsync());
        Assert.Equal("KEY-POLICY-HEALTHY", alert.Rule);
        Assert.Equal("fixed", alert.Outcome);
        Assert.True(alert.Document.GetProperty("verification").GetProperty("passed").GetBoolean());
        Assert.NotEqual(0, alert.Document.GetProperty("policyDiff").GetArrayLength());
        var live = (await rig.Kms.GetKeyPolicyAsync(new GetKeyPolicyRequest { KeyId = rig.Seeded.KeyArn, PolicyName = "default" })).Policy;
        Assert.Contains("AllowIdentityCenterAndIdentityStoreToUseKey", live, StringComparison.Ordinal);
        Assert.Contains(rig.Seeded.InstanceArn, live, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_WhenPolicyLosesServiceStatementsAndRemediationIsOff_ShouldAlertCriticalAndLeaveIt()
    {
        var rig = new GuardRig(remediate: false);
        await rig.Kms.PutKeyPolicyAsync(new PutKeyPolicyRequest { KeyId = rig.Seeded.KeyArn, PolicyName = "default", Policy = RootOnly(rig) });

        await rig.InvokeAsync(rig.Event("kms-put-key-policy.json"));

        var alert = Assert.Single(await rig.ReceivedAlertsAsync());
        Assert.Equal("KEY-POLICY-HEALTHY", alert.Rule);
        Assert.Equal("alerted", alert.Outcome);
        Assert.Equal(2, alert.Document.GetProperty("findings").EnumerateArray().Count(f => f.GetProperty("severity").GetString() == "critical"));
        var live = (await rig.Kms.GetKeyPolicyAsync(new GetKeyPolicyRequest { KeyId = rig.Seeded.KeyArn, PolicyName = "default" })).Policy;
        Assert.Equal(RootOnly(rig), live);
    }

    [Fact]
    public async Task Handle_WhenPolicyChangeKeepsServiceAccess_ShouldStayQuiet()
    {
        var rig = new GuardRig();

        var response = await rig.InvokeAsync(rig.Event("kms-put-key-policy.json"));

        Assert.Equal("Healthy", response.GetProperty("disposition").GetString());
        Assert.Empty(await rig.ReceivedAlertsAsync(waitSeconds: 1));
    }

    [Fact]
    public async Task Handle_WhenEventConcernsAnotherKey_ShouldIgnoreIt()
    {
        var rig = new GuardRig();
        var other = await rig.Kms.CreateKeyAsync(new CreateKeyRequest());
        await rig.Kms.DisableKeyAsync(new DisableKeyRequest { KeyId = other.KeyMetadata.Arn });

        var response = await rig.InvokeAsync(rig.Event("kms-disable-key.json", json => json.Replace(rig.Seeded.KeyId, other.KeyMetadata.KeyId, StringComparison.Ordinal)));

        Assert.Equal("Ignored", response.GetProperty("disposition").GetString());
        Assert.Equal("Disabled", (await rig.Kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = other.KeyMetadata.Arn })).KeyMetadata.KeyState.Value);
        Assert.Empty(await rig.ReceivedAlertsAsync(waitSeconds: 1));
    }

    [Fact]
    public async Task Handle_WhenEventNamesOnlyTheAlias_ShouldResolveItWithDescribeKey()
    {
        var rig = new GuardRig();
        await rig.Kms.DisableKeyAsync(new DisableKeyRequest { KeyId = rig.Seeded.KeyArn });

        await rig.InvokeAsync(rig.Event("kms-disable-key-by-alias.json"));

        Assert.Equal("Enabled", await rig.KeyStateAsync());
    }

    [Fact]
    public async Task Handle_WhenTheGuardsOwnRoleEnabledTheKey_ShouldVerifyWithoutAlert()
    {
        var rig = new GuardRig();

        var response = await rig.InvokeAsync(rig.Event("kms-enable-key.json", json => json.Replace(
            "arn:aws:iam::" + rig.Account.AccountId + ":role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_AdministratorAccess_0123456789abcdef",
            GuardRig.GuardRoleArn.Replace("111122223333", rig.Account.AccountId, StringComparison.Ordinal),
            StringComparison.Ordinal)));

        Assert.Equal("Verified", response.GetProperty("disposition").GetString());
        Assert.Empty(await rig.ReceivedAlertsAsync(waitSeconds: 1));
    }

    [Fact]
    public async Task Handle_WhenIdentityCenterSwitchesToAnAwsOwnedKey_ShouldAlertHigh()
    {
        var rig = new GuardRig();
        await rig.SsoAdmin.UpdateInstanceAsync(new UpdateInstanceRequest(rig.Seeded.InstanceArn, EncryptionConfiguration: new EncryptionConfiguration("AWS_OWNED_KMS_KEY")), CancellationToken.None);

        await rig.InvokeAsync(rig.Event("sso-update-instance.json"));

        var alert = Assert.Single(await rig.ReceivedAlertsAsync());
        Assert.Equal("IDC-ENCRYPTION-APPROVED", alert.Rule);
        Assert.Equal("high", alert.Attributes["severity"]);
    }

    [Fact]
    public async Task Handle_WhenASwitchToADisabledKeyFails_ShouldAlertCriticalWithTheReason()
    {
        var rig = new GuardRig();
        var other = await rig.Kms.CreateKeyAsync(new CreateKeyRequest());
        await rig.Kms.DisableKeyAsync(new DisableKeyRequest { KeyId = other.KeyMetadata.Arn });
        await rig.SsoAdmin.UpdateInstanceAsync(new UpdateInstanceRequest(rig.Seeded.InstanceArn, EncryptionConfiguration: new EncryptionConfiguration("CUSTOMER_MANAGED_KEY", other.KeyMetadata.Arn)), CancellationToken.None);

        await rig.InvokeAsync(rig.Event("sso-update-instance.json"));

        var alert = Assert.Single(await rig.ReceivedAlertsAsync());
        Assert.Equal("IDC-ENCRYPTION-STATUS", alert.Rule);
        Assert.Equal("critical", alert.Attributes["severity"]);
        Assert.Contains("KMS_DisabledException", alert.Document.GetProperty("findings")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_WhenPayloadIsMalformed_ShouldFailAsMalformedEvent()
    {
        var rig = new GuardRig();

        var error = await Assert.ThrowsAsync<GuardInvocationException>(() => rig.InvokeAsync("{ \"detail-type\": 3 }"));

        Assert.Equal("MalformedEvent", error.ErrorType);
        Assert.Contains("detail-type", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_WhenTheAlertCannotBePublished_ShouldFailTheInvocationSoLambdaRetries()
    {
        var rig = new GuardRig(topicArn: "arn:aws:sns:us-east-1:111122223333:no-such-topic");
        await rig.Kms.DisableKeyAsync(new DisableKeyRequest { KeyId = rig.Seeded.KeyArn });

        var error = await Assert.ThrowsAsync<GuardInvocationException>(() => rig.InvokeAsync(rig.Event("kms-disable-key.json")));

        Assert.Equal("AwsCallFailed", error.ErrorType);
        Assert.Contains("Publish", error.Message, StringComparison.Ordinal);
        Assert.Equal("Enabled", await rig.KeyStateAsync());
    }
}
