using Amazon.KeyManagementService.Model;

namespace IdcKmsGuard.Function.Tests;

/// <summary>At-least-once delivery, concurrency, configuration and failures, end to end with the DynamoDB state table.</summary>
public sealed class DeliveryScenarioTests
{
    [Fact]
    public async Task Handle_WhenEventBridgeDeliversTheSameEventTwice_ShouldActAndAlertOnce()
    {
        var rig = new GuardRig();
        await rig.Kms.DisableKeyAsync(new DisableKeyRequest { KeyId = rig.Seeded.KeyArn });
        var evt = rig.Event("kms-disable-key.json");

        var first = await rig.InvokeAsync(evt);
        var second = await rig.InvokeAsync(evt);

        Assert.Equal(("Alerted", "Duplicate"), (first.GetProperty("disposition").GetString(), second.GetProperty("disposition").GetString()));
        Assert.Single(await rig.ReceivedAlertsAsync());
    }

    [Fact]
    public async Task Handle_WhenDisableAndScheduleDeletionArriveTogether_ShouldEndEnabled()
    {
        var rig = new GuardRig();
        await rig.Kms.DisableKeyAsync(new DisableKeyRequest { KeyId = rig.Seeded.KeyArn });
        await rig.Kms.ScheduleKeyDeletionAsync(new ScheduleKeyDeletionRequest { KeyId = rig.Seeded.KeyArn, PendingWindowInDays = 7 });

        await Task.WhenAll(rig.InvokeAsync(rig.Event("kms-disable-key.json")), rig.InvokeAsync(rig.Event("kms-schedule-key-deletion.json")));

        Assert.Equal("Enabled", await rig.KeyStateAsync());
    }

    [Fact]
    public async Task Handle_WhenDryRun_ShouldSayWhatItWouldDoAndLeaveTheKey()
    {
        var rig = new GuardRig(configuration: """{"version": 1, "dryRun": true}""");
        await rig.Kms.DisableKeyAsync(new DisableKeyRequest { KeyId = rig.Seeded.KeyArn });

        await rig.InvokeAsync(rig.Event("kms-disable-key.json"));

        var alert = Assert.Single(await rig.ReceivedAlertsAsync());
        Assert.Equal("dry-run", alert.Outcome);
        Assert.StartsWith("Dry run: would have enabled the key", alert.Document.GetProperty("steps")[0].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("Disabled", await rig.KeyStateAsync());
    }

    [Fact]
    public async Task Handle_WhenTheActorIsAnExemptBreakGlassRole_ShouldReportAndNotUndo()
    {
        var rig = new GuardRig(BreakGlass);
        await rig.Kms.DisableKeyAsync(new DisableKeyRequest { KeyId = rig.Seeded.KeyArn });

        await rig.InvokeAsync(rig.Event("kms-disable-key.json"));

        Assert.Equal("exempt", Assert.Single(await rig.ReceivedAlertsAsync()).Outcome);
        Assert.Equal("Disabled", await rig.KeyStateAsync());
    }

    [Fact]
    public async Task Handle_WhenTheConfigurationIsInvalid_ShouldAlertGuardConfigAndStillProtectTheKey()
    {
        var rig = new GuardRig(configuration: """{"version": 1, "rules": {"KEY-ENABLED": "sometimes"}}""");
        await rig.Kms.DisableKeyAsync(new DisableKeyRequest { KeyId = rig.Seeded.KeyArn });

        await rig.InvokeAsync(rig.Event("kms-disable-key.json"));

        var alerts = await rig.ReceivedAlertsAsync();
        Assert.Contains(alerts, a => a.Rule == "GUARD-CONFIG");
        Assert.Contains(alerts, a => a.Rule == "KEY-ENABLED" && a.Outcome == "fixed");
        Assert.Equal("Enabled", await rig.KeyStateAsync());
    }

    [Fact]
    public async Task Handle_WhenTheAlertCannotBePublishedAtFirst_ShouldPublishItOnTheRetry()
    {
        var broken = new GuardRig(topicArn: "arn:aws:sns:us-east-1:111122223333:no-such-topic");
        await broken.Kms.DisableKeyAsync(new DisableKeyRequest { KeyId = broken.Seeded.KeyArn });
        var evt = broken.Event("kms-disable-key.json");
        await Assert.ThrowsAsync<GuardInvocationException>(() => broken.InvokeAsync(evt));

        var retry = broken.WithTopic(broken.Seeded.TopicArn);
        var response = await retry.InvokeAsync(evt);

        // The retry finds the key healthy, and reports the fix the first attempt journaled before it failed.
        Assert.Equal("Alerted", response.GetProperty("disposition").GetString());
        var alert = Assert.Single(await retry.ReceivedAlertsAsync());
        Assert.Equal(("KEY-ENABLED", "fixed"), (alert.Rule, alert.Outcome));
        Assert.Equal("Disabled", alert.Document.GetProperty("key").GetProperty("stateBefore").GetString());
        Assert.Equal("EnableKey", alert.Document.GetProperty("steps")[0].GetProperty("action").GetString());
    }

    private static string BreakGlass(string account) =>
        "{\"version\": 1, \"exemptions\": {\"principals\": [{\"arnPattern\": \"arn:aws:iam::" + account
        + ":role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_AdministratorAccess_*\", \"reason\": \"break-glass\"}]}}";
}
