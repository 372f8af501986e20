using System.Text.Json;
using Amazon.KeyManagementService.Model;
using IdcKmsGuard.Aws.SsoAdmin;

namespace IdcKmsGuard.Function.Tests;

/// <summary>A key switch still UPDATING, followed up through the guard's own SQS queue until it finishes.</summary>
public sealed class FollowUpScenarioTests
{
    [Fact]
    public async Task UpdateInstance_WhileUpdating_ShouldBeReCheckedThroughTheQueueUntilItFinishesThenAlertOnce()
    {
        var rig = new GuardRig();
        var newKey = await CreateKeyLikeTheSeededOneAsync(rig);
        await rig.Account.SetUpdatingReadsAsync(2);
        await rig.SsoAdmin.UpdateInstanceAsync(new UpdateInstanceRequest(rig.Seeded.InstanceArn, EncryptionConfiguration: new EncryptionConfiguration("CUSTOMER_MANAGED_KEY", newKey)), CancellationToken.None);

        var first = await rig.InvokeAsync(rig.Event("sso-update-instance.json"));
        var second = await rig.InvokeAsync((await rig.FollowUpBatchAsync())!);
        var third = await rig.InvokeAsync((await rig.FollowUpBatchAsync())!);

        Assert.Equal("FollowUpScheduled", first.GetProperty("disposition").GetString());
        Assert.Equal(0, second.GetProperty("batchItemFailures").GetArrayLength());
        Assert.Equal(0, third.GetProperty("batchItemFailures").GetArrayLength());
        Assert.Null(await rig.FollowUpBatchAsync());
        var alert = Assert.Single(await rig.ReceivedAlertsAsync());
        Assert.Equal("Identity Center switched to another customer managed key", alert.Document.GetProperty("headline").GetString());
        Assert.Contains("this is the guard's re-check 2", alert.Document.GetProperty("whatHappened").GetString(), StringComparison.Ordinal);
        Assert.Contains("alice@example.com", alert.Document.GetProperty("event").GetProperty("actor").GetProperty("arn").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateInstance_WhenTheSwitchFailsAfterUpdating_ShouldAlertCriticalWithTheReason()
    {
        var rig = new GuardRig();
        var newKey = await CreateKeyLikeTheSeededOneAsync(rig);
        await rig.Kms.DisableKeyAsync(new DisableKeyRequest { KeyId = newKey });
        await rig.Account.SetUpdatingReadsAsync(1);
        await rig.SsoAdmin.UpdateInstanceAsync(new UpdateInstanceRequest(rig.Seeded.InstanceArn, EncryptionConfiguration: new EncryptionConfiguration("CUSTOMER_MANAGED_KEY", newKey)), CancellationToken.None);

        await rig.InvokeAsync(rig.Event("sso-update-instance.json"));
        await rig.InvokeAsync((await rig.FollowUpBatchAsync())!);

        var alert = Assert.Single(await rig.ReceivedAlertsAsync());
        Assert.Equal(("IDC-ENCRYPTION-STATUS", "critical"), (alert.Rule, alert.Attributes["severity"]));
        Assert.Contains("KMS_DisabledException", alert.Document.GetProperty("findings")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FollowUpBatch_WhenAMessageIsNotAFollowUp_ShouldReportItBackSoThatSqsKeepsIt()
    {
        var rig = new GuardRig();
        var batch = JsonSerializer.Serialize(new
        {
            Records = new[]
            {
                new { messageId = "m-1", body = "{\"kind\": \"something-else\"}", eventSource = "aws:sqs" },
            },
        });

        var response = await rig.InvokeAsync(batch);

        Assert.Equal("m-1", response.GetProperty("batchItemFailures")[0].GetProperty("itemIdentifier").GetString());
    }

    [Fact]
    public async Task FollowUpBatch_WhenOneMessageFails_ShouldHandTheOthersOnAndReportOnlyThatOne()
    {
        var rig = new GuardRig();
        var genuine = await GenuineFollowUpAsync(rig);
        var batch = JsonSerializer.Serialize(new
        {
            Records = new[]
            {
                new { messageId = "m-1", body = "{\"kind\": \"idckmsguard.follow-up/2\", \"eventId\": \"\", \"attempt\": 1, \"updatingSince\": \"2026-12-01T00:00:00Z\"}", eventSource = "aws:sqs" },
                new { messageId = "m-2", body = genuine, eventSource = "aws:sqs" },
            },
        });

        var response = await rig.InvokeAsync(batch);

        var failed = response.GetProperty("batchItemFailures").EnumerateArray().Select(f => f.GetProperty("itemIdentifier").GetString()).ToList();
        Assert.Equal(["m-1"], failed);
    }

    // Whoever gets a message onto the queue cannot make the guard act on an event of their making: a message only
    // names an event the guard kept in its own table. One naming anything else is refused, and SQS keeps it.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task FollowUpBatch_WhenAMessageIsForged_ShouldRefuseItAndChangeNothing(bool carriesTheEvent)
    {
        var rig = new GuardRig();
        await rig.Kms.DisableKeyAsync(new DisableKeyRequest { KeyId = rig.Seeded.KeyArn });
        var disable = rig.Event("kms-disable-key.json");
        var forged = carriesTheEvent
            ? JsonSerializer.Serialize(new { kind = "idckmsguard.follow-up/1", attempt = 1, updatingSince = "2026-12-01T00:00:00Z", @event = disable })
            : JsonSerializer.Serialize(new { kind = "idckmsguard.follow-up/2", attempt = 1, updatingSince = "2026-12-01T00:00:00Z", eventId = JsonDocument.Parse(disable).RootElement.GetProperty("id").GetString() });
        var batch = JsonSerializer.Serialize(new { Records = new[] { new { messageId = "m-1", body = forged, eventSource = "aws:sqs" } } });

        var response = await rig.InvokeAsync(batch);

        Assert.Equal("m-1", response.GetProperty("batchItemFailures")[0].GetProperty("itemIdentifier").GetString());
        Assert.Equal("Disabled", await rig.KeyStateAsync());
        Assert.Empty(await rig.ReceivedAlertsAsync(waitSeconds: 1));
    }

    private static async Task<string> GenuineFollowUpAsync(GuardRig rig)
    {
        var newKey = await CreateKeyLikeTheSeededOneAsync(rig);
        await rig.Account.SetUpdatingReadsAsync(1);
        await rig.SsoAdmin.UpdateInstanceAsync(new UpdateInstanceRequest(rig.Seeded.InstanceArn, EncryptionConfiguration: new EncryptionConfiguration("CUSTOMER_MANAGED_KEY", newKey)), CancellationToken.None);
        await rig.InvokeAsync(rig.Event("sso-update-instance.json"));
        using var batch = JsonDocument.Parse((await rig.FollowUpBatchAsync())!);
        return batch.RootElement.GetProperty("Records")[0].GetProperty("body").GetString()!;
    }

    private static async Task<string> CreateKeyLikeTheSeededOneAsync(GuardRig rig)
    {
        var policy = (await rig.Kms.GetKeyPolicyAsync(new GetKeyPolicyRequest { KeyId = rig.Seeded.KeyArn, PolicyName = "default" })).Policy;
        var created = await rig.Kms.CreateKeyAsync(new CreateKeyRequest { Policy = policy, MultiRegion = true, Description = "the next Identity Center key" });
        return created.KeyMetadata.Arn;
    }
}
