using System.Text.Json.Nodes;
using IdcKmsGuard.Aws.Feeds;
using IdcKmsGuard.Aws.Tests.Support;
using IdcKmsGuard.Core.Alerts;

namespace IdcKmsGuard.Aws.Tests.WireFormat;

/// <summary>
/// Security Hub's BatchImportFindings, BatchUpdateFindings and GetFindings (securityhub 2018-10-26, rest-json) and
/// EventBridge's PutEvents against botocore: botocore validates every member of our body against its model (a member
/// it does not know fails), then serializes the same input; method, path and body must agree.
/// </summary>
public sealed class FeedsWireFormatTests
{
    private const string Account = "111122223333";

    [Fact]
    public async Task BatchImportFindings_ShouldSendAFindingBotocoresModelAcceptsAsItSendsIt()
    {
        using var server = new ScriptedAwsServer(ScriptedResponse.Json(200, """{"FailedCount":0,"SuccessCount":1,"FailedFindings":[]}"""));
        var finding = AsffFindings.From(Open(), "aws", "us-east-1", Account, new RunbookLinks("https://wiki.example.com/runbooks"));

        await new SecurityHubClient(server.HttpClient(), "us-east-1").ImportAsync(finding, CancellationToken.None);

        await AssertSameAsync(server, "securityhub", "BatchImportFindings");
    }

    [Fact]
    public async Task BatchUpdateFindings_ShouldPatchTheBatchUpdatePathWithWhatBotocoreSends()
    {
        using var server = new ScriptedAwsServer(ScriptedResponse.Json(200, """{"ProcessedFindings":[],"UnprocessedFindings":[]}"""));

        await new SecurityHubClient(server.HttpClient(), "us-east-1")
            .SetWorkflowAsync("idckmsguard/incident/0123", AsffFindings.ProductArn("aws", "us-east-1", Account), "RESOLVED", "Resolved: key enabled", CancellationToken.None);

        await AssertSameAsync(server, "securityhub", "BatchUpdateFindings");
        Assert.Equal("PATCH", server.Requests[0].Method);
    }

    [Fact]
    public async Task GetFindings_ShouldFilterOnTheIdAsBotocoreSendsIt()
    {
        using var server = new ScriptedAwsServer(ScriptedResponse.Json(200,
            """{"Findings":[{"Id":"idckmsguard/incident/0123","RecordState":"ARCHIVED","Workflow":{"Status":"RESOLVED"},"Compliance":{"Status":"PASSED"}}]}"""));

        var found = await new SecurityHubClient(server.HttpClient(), "us-east-1").GetAsync("idckmsguard/incident/0123", CancellationToken.None);

        await AssertSameAsync(server, "securityhub", "GetFindings");
        Assert.Equal(("ARCHIVED", "RESOLVED"), (found!.RecordState, found.Workflow!.Status));
    }

    [Fact]
    public async Task BatchImportFindings_WhenSecurityHubRefusesTheFinding_ShouldThrowWithItsReason()
    {
        using var server = new ScriptedAwsServer(ScriptedResponse.Json(200,
            """{"FailedCount":1,"SuccessCount":0,"FailedFindings":[{"Id":"x","ErrorCode":"InvalidInput","ErrorMessage":"Finding does not adhere to ASFF"}]}"""));
        var finding = AsffFindings.From(Open(), "aws", "us-east-1", Account, RunbookLinks.Default);

        var refused = await Assert.ThrowsAsync<Core.Errors.AwsCallException>(
            () => new SecurityHubClient(server.HttpClient(), "us-east-1").ImportAsync(finding, CancellationToken.None));

        Assert.Equal("InvalidInput", refused.ErrorCode);
    }

    [Fact]
    public async Task PutEvents_ShouldSendWhatBotocoreSendsAndReportARefusedEntry()
    {
        using var server = new ScriptedAwsServer(
            ScriptedResponse.Json(200, """{"FailedEntryCount":0,"Entries":[{"EventId":"e-1"}]}"""),
            ScriptedResponse.Json(200, """{"FailedEntryCount":1,"Entries":[{"ErrorCode":"InternalFailure","ErrorMessage":"try again"}]}"""));
        var client = new AlertEventsClient(server.HttpClient(), "us-east-1", "default");
        var document = AlertRenderer.Render(Open()).Json;

        await client.PutAsync(document, "arn:aws:kms:us-east-1:111122223333:key/k", CancellationToken.None);
        var refused = await Assert.ThrowsAsync<Core.Errors.AwsCallException>(() => client.PutAsync(document, null, CancellationToken.None));

        await AssertSameAsync(server, "events", "PutEvents");
        Assert.Equal("InternalFailure", refused.ErrorCode);
        var entry = JsonNode.Parse(server.Requests[0].BodyText)!["Entries"]![0]!;
        Assert.Equal(("idckmsguard", "IdcKmsGuard Alert"), (entry["Source"]!.GetValue<string>(), entry["DetailType"]!.GetValue<string>()));
        Assert.Equal(document, entry["Detail"]!.GetValue<string>());
    }

    // The request's own body as boto3 input: botocore refuses a member its model lacks, then serializes it its way.
    private static async Task AssertSameAsync(ScriptedAwsServer server, string service, string operation, int index = 0)
    {
        var input = JsonNode.Parse(server.Requests[index].BodyText)!.AsObject();
        var expected = await Botocore.SerializeAsync(service, operation, input);
        Assert.Equal(expected.Method, server.Requests[index].Method);
        Assert.Equal(expected.Path, server.Requests[index].Path);
        Assert.Equal(expected.Target, server.Requests[index].Header("X-Amz-Target"));
        WireAssert.SameJsonBody(expected, server.Requests[index]);
    }

    private static Alert Open() => new()
    {
        Severity = Severity.Critical,
        RuleId = "KEY-ENABLED",
        Outcome = AlertOutcome.Alerted,
        Headline = "Identity Center key is disabled: sign-in is down",
        WhatHappened = "Alice called DisableKey.",
        Event = new AlertEvent("DisableKey", "kms.amazonaws.com", "KeyDisabled", "evt-1", DateTimeOffset.UnixEpoch, "us-east-1", Account, true, null, null,
            new AlertActor("AssumedRole", "arn:aws:sts::111122223333:assumed-role/Admin/alice", Account, null, null, null)),
        KeyArn = "arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab",
        KeyRegion = "us-east-1",
        Findings = [new Finding("KEY-ENABLED", Severity.Critical, "Found the key Disabled.")],
        NextSteps = ["Re-enable the key now."],
        DetectedAt = new DateTimeOffset(2026, 11, 30, 7, 3, 0, TimeSpan.Zero),
        AlertId = "0123456789abcdef0123456789abcdef",
        Incident = new AlertIncident("fedcba9876543210fedcba9876543210", IncidentStatus.Open, new DateTimeOffset(2026, 11, 30, 7, 3, 0, TimeSpan.Zero), 0),
    };
}
