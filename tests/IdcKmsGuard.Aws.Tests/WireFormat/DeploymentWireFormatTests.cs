using System.Text;
using System.Text.Json.Nodes;
using IdcKmsGuard.Aws.Deployment;
using IdcKmsGuard.Aws.Tests.Support;

namespace IdcKmsGuard.Aws.Tests.WireFormat;

/// <summary>
/// The reads of `idckmsguard doctor` against botocore's cloudtrail 2013-11-01, events 2015-10-07, lambda 2015-03-31
/// and cloudformation 2010-05-15 serializers, and their answers as those models shape them.
/// </summary>
public sealed class DeploymentWireFormatTests
{
    private const string TrailArn = "arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail";
    private const string FunctionArn = "arn:aws:lambda:us-east-1:111122223333:function:guard-GuardFunction-ABC";

    [Fact]
    public async Task DescribeTrails_ShouldAskForShadowTrailsAsBotocoreDoesAndReadTheList()
    {
        using var server = new ScriptedAwsServer(ScriptedResponse.Json(200,
            """{"trailList":[{"Name":"org-trail","TrailARN":"arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail","HomeRegion":"us-east-1","IsMultiRegionTrail":true,"IsOrganizationTrail":false}]}"""));

        var trails = await new CloudTrailClient(server.HttpClient(), "us-east-1").DescribeTrailsAsync(CancellationToken.None);

        await AssertSameJsonAsync(server, "cloudtrail", "DescribeTrails", new JsonObject { ["includeShadowTrails"] = true });
        Assert.Equal(new Trail("org-trail", TrailArn, "us-east-1", true, false), trails.Single());
    }

    [Fact]
    public async Task GetTrailStatusAndEventSelectors_ShouldSendWhatBotocoreSendsAndReadBothSelectorKinds()
    {
        using var server = new ScriptedAwsServer(
            ScriptedResponse.Json(200, """{"IsLogging":true}"""),
            ScriptedResponse.Json(200, """
                {"TrailARN":"x","EventSelectors":[{"ReadWriteType":"All","IncludeManagementEvents":true,"ExcludeManagementEventSources":["kms.amazonaws.com"]}],
                 "AdvancedEventSelectors":[{"Name":"m","FieldSelectors":[{"Field":"eventCategory","Equals":["Management"]},{"Field":"eventSource","NotEquals":["kms.amazonaws.com"]}]}]}
                """));
        var client = new CloudTrailClient(server.HttpClient(), "us-east-1");

        var status = await client.GetTrailStatusAsync(TrailArn, CancellationToken.None);
        var selectors = await client.GetEventSelectorsAsync(TrailArn, CancellationToken.None);

        await AssertSameJsonAsync(server, "cloudtrail", "GetTrailStatus", new JsonObject { ["Name"] = TrailArn }, 0);
        await AssertSameJsonAsync(server, "cloudtrail", "GetEventSelectors", new JsonObject { ["TrailName"] = TrailArn }, 1);
        Assert.True(status.IsLogging);
        Assert.Equal(["kms.amazonaws.com"], selectors.EventSelectors!.Single().ExcludeManagementEventSources!);
        Assert.Equal(["Management"], selectors.AdvancedEventSelectors!.Single().FieldSelectors[0].EqualTo!);
        Assert.Equal(["kms.amazonaws.com"], selectors.AdvancedEventSelectors!.Single().FieldSelectors[1].NotEquals!);
    }

    [Fact]
    public async Task EventBridgeReads_ShouldSendWhatBotocoreSends()
    {
        using var server = new ScriptedAwsServer(
            ScriptedResponse.Json(200, """{"RuleNames":["guard-Sweep"]}"""),
            ScriptedResponse.Json(200, """{"Name":"guard-Sweep","Arn":"a","State":"ENABLED","ScheduleExpression":"rate(1 hour)"}"""),
            ScriptedResponse.Json(200, """{"Targets":[{"Id":"t","Arn":"arn:aws:lambda:us-east-1:111122223333:function:f"}]}"""));
        var client = new EventBridgeRulesClient(server.HttpClient(), "us-east-1");

        var names = await client.RulesTargetingAsync(FunctionArn, CancellationToken.None);
        var rule = await client.DescribeRuleAsync("guard-Sweep", CancellationToken.None);
        var targets = await client.TargetsOfAsync("guard-Sweep", CancellationToken.None);

        await AssertSameJsonAsync(server, "events", "ListRuleNamesByTarget", new JsonObject { ["TargetArn"] = FunctionArn }, 0);
        await AssertSameJsonAsync(server, "events", "DescribeRule", new JsonObject { ["Name"] = "guard-Sweep" }, 1);
        await AssertSameJsonAsync(server, "events", "ListTargetsByRule", new JsonObject { ["Rule"] = "guard-Sweep" }, 2);
        Assert.Equal(["guard-Sweep"], names);
        Assert.Equal("ENABLED", rule.State);
        Assert.Equal("t", targets.Single().Id);
    }

    [Fact]
    public async Task LambdaReads_ShouldGetThePathsAndQueriesBotocoreGets()
    {
        using var server = new ScriptedAwsServer(
            ScriptedResponse.Json(200, """{"FunctionName":"guard fn","FunctionArn":"arn","State":"Active","Environment":{"Variables":{"STATE_TABLE":"t"}}}"""),
            ScriptedResponse.Json(200, """{"EventSourceMappings":[{"UUID":"u-1","EventSourceArn":"q","State":"Enabled","BatchSize":10}],"NextMarker":"next/page"}"""),
            ScriptedResponse.Json(200, """{"EventSourceMappings":[]}"""));
        var client = new LambdaClient(server.HttpClient(), "us-east-1");

        var function = await client.GetFunctionConfigurationAsync("guard-GuardFunction-ABC", CancellationToken.None);
        var mappings = await client.EventSourceMappingsAsync("guard-GuardFunction-ABC", CancellationToken.None);

        await AssertSameEnvelopeAsync(server, "lambda", "GetFunctionConfiguration", new JsonObject { ["FunctionName"] = "guard-GuardFunction-ABC" }, 0);
        await AssertSameEnvelopeAsync(server, "lambda", "ListEventSourceMappings", new JsonObject { ["FunctionName"] = "guard-GuardFunction-ABC" }, 1);
        await AssertSameEnvelopeAsync(server, "lambda", "ListEventSourceMappings",
            new JsonObject { ["FunctionName"] = "guard-GuardFunction-ABC", ["Marker"] = "next/page" }, 2);
        Assert.Equal("t", function.Environment!.Variables!["STATE_TABLE"]);
        Assert.Equal("u-1", mappings.Single().UUID);
        Assert.All(server.Requests, r => Assert.Empty(r.Body));
    }

    [Fact]
    public async Task DescribeStacks_ShouldSendTheBytesBotocoreSendsAndReadParametersAndOutputs()
    {
        const string Answer = "<DescribeStacksResponse xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\"><DescribeStacksResult><Stacks><member>"
            + "<StackName>guard</StackName><StackStatus>UPDATE_COMPLETE</StackStatus>"
            + "<Parameters><member><ParameterKey>RemediationMode</ParameterKey><ParameterValue>alert</ParameterValue></member></Parameters>"
            + "<Outputs><member><OutputKey>AlertTopicArn</OutputKey><OutputValue>arn:aws:sns:us-east-1:1:t</OutputValue><Description>d</Description></member>"
            + "<member><OutputKey>StateTableName</OutputKey><OutputValue>guard-StateTable-X</OutputValue></member></Outputs>"
            + "<Tags><member><Key>k</Key><Value>v</Value></member></Tags>"
            + "</member></Stacks></DescribeStacksResult></DescribeStacksResponse>";
        using var server = new ScriptedAwsServer(ScriptedResponse.Xml(200, Answer));

        var stack = await new CloudFormationClient(server.HttpClient(), "us-east-1").DescribeStackAsync("guard", CancellationToken.None);

        var expected = await Botocore.SerializeAsync("cloudformation", "DescribeStacks", new JsonObject { ["StackName"] = "guard" });
        WireAssert.SameEnvelope(expected, server.Requests.Single());
        WireAssert.SameFormBody(expected, server.Requests.Single());
        Assert.Equal(("guard", "UPDATE_COMPLETE"), (stack.StackName, stack.Status));
        Assert.Equal("alert", stack.Parameters["RemediationMode"]);
        Assert.Equal(2, stack.Outputs.Count);
        Assert.Equal("guard-StateTable-X", stack.Outputs["StateTableName"]);
    }

    private static async Task AssertSameJsonAsync(ScriptedAwsServer server, string service, string operation, JsonObject input, int index = 0)
    {
        var expected = await Botocore.SerializeAsync(service, operation, input);
        WireAssert.SameEnvelope(expected, server.Requests[index]);
        WireAssert.SameJsonBody(expected, server.Requests[index]);
    }

    private static async Task AssertSameEnvelopeAsync(ScriptedAwsServer server, string service, string operation, JsonObject input, int index)
    {
        var expected = await Botocore.SerializeAsync(service, operation, input);
        WireAssert.SameEnvelope(expected, server.Requests[index]);
        Assert.Equal(Encoding.UTF8.GetString(expected.Body), server.Requests[index].BodyText);
    }
}
