using System.Text.Json;
using Amazon.KeyManagementService.Model;
using Amazon.SQS.Model;

namespace IdcKmsGuard.Function.Tests;

/// <summary>
/// An incident through the stand-in, from the handler to SNS, Security Hub and the default event bus: the alert that
/// opens it, one that updates it, the notice that resolves it; Security Hub holds one finding for it that follows it to
/// ARCHIVED and RESOLVED, and every alert is also an "idckmsguard" event. Read back with boto3, not the guard's clients.
/// </summary>
public sealed class IncidentFeedsTests
{
    [Fact]
    public async Task DisabledKey_OpenRepeatResolved_ShouldFollowTheIncidentOnTheTopicInSecurityHubAndOnTheBus()
    {
        var rig = GuardRig.WithIncidentFeeds(remediate: false);
        rig.Account.Boto3("securityhub", rig.Account.Region, "enable_security_hub");
        var bus = await CaptureAlertEventsAsync(rig);
        await rig.Kms.DisableKeyAsync(new DisableKeyRequest { KeyId = rig.Seeded.KeyArn });

        await rig.InvokeAsync(rig.Event("kms-disable-key.json"));
        var opened = Assert.Single(await rig.ReceivedAlertsAsync());
        var incident = opened.Document.GetProperty("incident");
        var id = incident.GetProperty("id").GetString()!;
        Assert.Equal(("open", "true"), (incident.GetProperty("status").GetString(), opened.Attributes["action_required"]));
        var finding = Finding(rig, id);
        Assert.Equal(("ACTIVE", "NEW", "FAILED", "CRITICAL"), State(finding));
        Assert.Equal(rig.Seeded.KeyArn, finding.GetProperty("Resources")[0].GetProperty("Id").GetString());
        Assert.Equal("idckmsguard/KEY-ENABLED", finding.GetProperty("GeneratorId").GetString());

        // The key disabled again by another call while it is still disabled: the same incident, news of another cause.
        await rig.InvokeAsync(rig.Event("kms-disable-key.json", json => json.Replace("-000000000003\"", "-0000000000a3\"", StringComparison.Ordinal)));
        var updated = Assert.Single(await rig.ReceivedAlertsAsync());
        Assert.Equal((id, "updated"), (updated.Document.GetProperty("incident").GetProperty("id").GetString(), updated.Attributes["incident_status"]));
        Assert.Equal(("ACTIVE", "NEW", "FAILED", "CRITICAL"), State(Finding(rig, id)));
        Assert.Single(Findings(rig));

        await rig.Kms.EnableKeyAsync(new EnableKeyRequest { KeyId = rig.Seeded.KeyArn });
        await rig.InvokeAsync(rig.Event("kms-enable-key.json"));
        var resolved = Assert.Single(await rig.ReceivedAlertsAsync());
        Assert.Equal(id, resolved.Document.GetProperty("incident").GetProperty("id").GetString());
        Assert.Equal("resolved", resolved.Attributes["incident_status"]);
        // A passed finding is informational, as Security Hub's own controls report theirs.
        Assert.Equal(("ARCHIVED", "RESOLVED", "PASSED", "INFORMATIONAL"), State(Finding(rig, id)));
        Assert.Single(Findings(rig));

        var events = await ReceiveAsync(rig, bus);
        Assert.Equal(["open", "updated", "resolved"], events.Select(e => e.GetProperty("detail").GetProperty("incident").GetProperty("status").GetString()));
        Assert.All(events, e => Assert.Equal(("idckmsguard", "IdcKmsGuard Alert"), (e.GetProperty("source").GetString(), e.GetProperty("detail-type").GetString())));
        Assert.All(events, e => Assert.Equal(id, e.GetProperty("detail").GetProperty("incident").GetProperty("id").GetString()));
    }

    [Fact]
    public async Task SecurityHubNotEnabled_ShouldStillAlertPeopleAndLeaveTheBusEvent()
    {
        var rig = GuardRig.WithIncidentFeeds(remediate: false);
        var bus = await CaptureAlertEventsAsync(rig);
        await rig.Kms.DisableKeyAsync(new DisableKeyRequest { KeyId = rig.Seeded.KeyArn });

        var response = await rig.InvokeAsync(rig.Event("kms-disable-key.json"));

        Assert.Equal("Alerted", response.GetProperty("disposition").GetString());
        Assert.Single(await rig.ReceivedAlertsAsync());
        Assert.Single(await ReceiveAsync(rig, bus));
    }

    private static (string?, string?, string?, string?) State(JsonElement finding) => (
        finding.GetProperty("RecordState").GetString(),
        finding.GetProperty("Workflow").GetProperty("Status").GetString(),
        finding.GetProperty("Compliance").GetProperty("Status").GetString(),
        finding.GetProperty("Severity").GetProperty("Label").GetString());

    private static JsonElement Finding(GuardRig rig, string incidentId) =>
        Assert.Single(Findings(rig), f => f.GetProperty("Id").GetString() == $"idckmsguard/incident/{incidentId}");

    private static List<JsonElement> Findings(GuardRig rig)
    {
        using var answer = JsonDocument.Parse(rig.Account.Boto3("securityhub", rig.Account.Region, "get_findings"));
        return [.. answer.RootElement.GetProperty("Findings").EnumerateArray().Select(f => f.Clone())];
    }

    // A rule on the default bus for source idckmsguard, sending to a queue of the test's own.
    private static async Task<string> CaptureAlertEventsAsync(GuardRig rig)
    {
        var queue = await rig.Sqs.CreateQueueAsync($"alert-events-{Guid.NewGuid():N}");
        var arn = (await rig.Sqs.GetQueueAttributesAsync(queue.QueueUrl, ["QueueArn"])).QueueARN;
        rig.Account.Boto3("events", rig.Account.Region, "put_rule", """{"Name": "capture-idckmsguard", "EventPattern": "{\"source\": [\"idckmsguard\"]}"}""");
        rig.Account.Boto3("events", rig.Account.Region, "put_targets", $$"""{"Rule": "capture-idckmsguard", "Targets": [{"Id": "q", "Arn": "{{arn}}"}]}""");
        return queue.QueueUrl;
    }

    private static async Task<List<JsonElement>> ReceiveAsync(GuardRig rig, string queueUrl)
    {
        var received = new List<JsonElement>();
        for (var round = 0; round < 3; round++)
        {
            var messages = await rig.Sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, MaxNumberOfMessages = 10, WaitTimeSeconds = 1 });
            received.AddRange((messages.Messages ?? []).Select(m => JsonDocument.Parse(m.Body).RootElement.Clone()));
        }

        return [.. received.OrderBy(e => e.GetProperty("detail").GetProperty("detectedAt").GetDateTimeOffset())];
    }
}
