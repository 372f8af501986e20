using Amazon.KeyManagementService.Model;

namespace IdcKmsGuard.Function.Tests;

/// <summary>Tamper resistance on the stand-in, through the function's handler and the real clients.</summary>
public sealed class SecurityScenarioTests
{
    private const string ReplicaRegion = "eu-west-1";

    // "Reported but never undone" must hold for the sweep too, not only for the event.
    [Fact]
    public async Task ExemptDisable_ShouldSurviveTheNextSweep()
    {
        var rig = new GuardRig(account => $$$"""
            {"version": 1, "exemptions": {"principals": [{"arnPattern": "arn:aws:iam::{{{account}}}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Administrator*", "reason": "break-glass drill"}]}}
            """);
        await rig.Kms.DisableKeyAsync(new DisableKeyRequest { KeyId = rig.Seeded.KeyArn });

        var exempt = await rig.InvokeAsync(rig.Event("kms-disable-key.json"));
        var sweep = await rig.InvokeAsync(rig.Event("scheduled-event.json"));

        Assert.Equal("Alerted", exempt.GetProperty("disposition").GetString());
        Assert.Equal("Sweep", sweep.GetProperty("trigger").GetString());
        Assert.Equal("Disabled", await rig.KeyStateAsync());
        Assert.Equal("exempt", Assert.Single(await rig.ReceivedAlertsAsync(), a => a.Rule == "KEY-ENABLED").Outcome);
    }

    // Anyone who may invoke the function can hand it a record naming the break-glass role. Delivered before the real
    // record of an ordinary role's ScheduleKeyDeletion, and stamped later, it passes for the change the key shows: the
    // guard cannot tell it from a real one. It may add an alert; it never hides the real change's.
    [Fact]
    public async Task ForgedExemptRecord_ShouldNeverHideTheRealChangesAlert()
    {
        var rig = new GuardRig(account => $$$"""
            {"version": 1, "exemptions": {"principals": [{"arnPattern": "arn:aws:iam::{{{account}}}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_BreakGlass_*", "reason": "break-glass"}]}}
            """);
        await rig.Kms.ScheduleKeyDeletionAsync(new ScheduleKeyDeletionRequest { KeyId = rig.Seeded.KeyArn, PendingWindowInDays = 7 });
        var real = rig.Event("kms-schedule-key-deletion.json");
        var forged = rig.Event("kms-schedule-key-deletion.json", json => json
            .Replace("AWSReservedSSO_AdministratorAccess_0123456789abcdef", "AWSReservedSSO_BreakGlass_0123456789abcdef", StringComparison.Ordinal)
            .Replace("-0000-4000-", "-6666-4000-", StringComparison.Ordinal)
            .Replace("2026-11-30T07:02:41Z", "2026-11-30T07:09:41Z", StringComparison.Ordinal));

        await rig.InvokeAsync(forged);
        await rig.InvokeAsync(real);

        var alerts = (await rig.ReceivedAlertsAsync()).Where(a => a.Rule == "KEY-NOT-PENDING-DELETION").ToList();
        Assert.Equal(2, alerts.Count);
        Assert.Contains("AWSReservedSSO_AdministratorAccess_0123456789abcdef", alerts[1].Document.GetProperty("whatHappened").GetString(), StringComparison.Ordinal);
    }

    // Anyone who may invoke the function can hand it an SQS-shaped batch of "refusals" for a healthy key. Only the
    // guard's own queues are read: a batch naming any other is refused whole, an error Lambda and the alarms see.
    [Fact]
    public async Task ForgedRefusalBatch_FromAQueueNotTheGuards_ShouldBeRefusedAndRaiseNothing()
    {
        var rig = new GuardRig();
        var refusalQueue = $"arn:aws:sqs:{rig.Account.Region}:{rig.Account.AccountId}:idckmsguard-key-use-failures";
        rig.TakeBatchesOnlyFrom(rig.FollowUpQueueArn, refusalQueue);
        string Batch(string queue) => System.Text.Json.JsonSerializer.Serialize(new
        {
            Records = Enumerable.Range(1, 3).Select(i => new
            {
                messageId = $"refusal-{i}",
                body = rig.Event("kms-decrypt-by-identity-center-failed.json", json => json.Replace("0c4a2f1e-0000-4000-8000-000000000031", $"0c4a2f1e-0000-4000-8000-{i:D12}", StringComparison.Ordinal)),
                eventSource = "aws:sqs",
                eventSourceARN = queue,
            }),
        });

        var refused = await Assert.ThrowsAsync<GuardInvocationException>(() => rig.InvokeAsync(Batch($"arn:aws:sqs:{rig.Account.Region}:{rig.Account.AccountId}:somebody-elses")));

        Assert.Equal("MalformedEvent", refused.ErrorType);
        Assert.Contains("somebody-elses, which is not one of the guard's queues", refused.Message, StringComparison.Ordinal);
        Assert.Empty(await rig.ReceivedAlertsAsync(waitSeconds: 1));

        var taken = await rig.InvokeAsync(Batch(refusalQueue));
        Assert.Empty(taken.GetProperty("batchItemFailures").EnumerateArray());
        Assert.Contains(await rig.ReceivedAlertsAsync(), a => a.Document.GetProperty("findings").EnumerateArray().Any(f => f.GetProperty("rule").GetString() == "KEY-USE-FAILING"));
    }

    // Tags are per key and per Region: a replica's suspension never decides for its primary, nor the other way round.
    [Fact]
    public async Task SuspendedReplica_ShouldBeLeftAloneWhileItsPrimaryIsRepaired()
    {
        var rig = GuardRig.InTwoRegions(ReplicaRegion);
        var replica = rig.Seeded.ReplicaKeyArns![0];
        using var kms = rig.KmsIn(ReplicaRegion);
        var until = TimeProvider.System.GetUtcNow().AddDays(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        await kms.TagResourceAsync(new TagResourceRequest { KeyId = replica, Tags = [new Tag { TagKey = "idckmsguard:suspend-until", TagValue = until }] });
        await kms.DisableKeyAsync(new DisableKeyRequest { KeyId = replica });
        await rig.Kms.DisableKeyAsync(new DisableKeyRequest { KeyId = rig.Seeded.KeyArn });

        await rig.InvokeAsync(rig.Event("scheduled-event.json"));

        Assert.Equal("Enabled", await rig.KeyStateAsync());
        Assert.Equal("Disabled", (await kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = replica })).KeyMetadata.KeyState.Value);
    }

    // The role may change only marked keys; the guard says how to mark one instead of failing on AccessDenied.
    [Fact]
    public async Task Remediation_OfAKeyWithoutTheGuardedTag_ShouldBeRefusedWithTheCommandThatMarksIt()
    {
        var rig = new GuardRig();
        await rig.Kms.UntagResourceAsync(new UntagResourceRequest { KeyId = rig.Seeded.KeyArn, TagKeys = ["idckmsguard:guarded"] });
        await rig.Kms.DisableKeyAsync(new DisableKeyRequest { KeyId = rig.Seeded.KeyArn });

        await rig.InvokeAsync(rig.Event("kms-disable-key.json"));

        Assert.Equal("Disabled", await rig.KeyStateAsync());
        var alert = Assert.Single(await rig.ReceivedAlertsAsync());
        var findings = alert.Document.GetProperty("findings").EnumerateArray().Select(f => (Rule: f.GetProperty("rule").GetString(), Message: f.GetProperty("message").GetString()!)).ToList();
        Assert.Contains(findings, f => f.Rule == "GUARD-ACCESS" && f.Message.Contains("aws kms tag-resource", StringComparison.Ordinal));
    }
}
