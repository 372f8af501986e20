using System.Text.Json.Nodes;
using IdcKmsGuard.Aws.Sns;
using IdcKmsGuard.Aws.Tests.Support;

namespace IdcKmsGuard.Aws.Tests.WireFormat;

/// <summary>SnsClient's Publish and GetTopicAttributes against botocore's sns 2010-03-31 query serializer, byte for byte.</summary>
public sealed class SnsWireFormatTests
{
    private const string TopicArn = "arn:aws:sns:us-east-1:111122223333:idckmsguard-alerts";
    private const string PublishResult = "<PublishResponse><PublishResult><MessageId>m-1</MessageId></PublishResult></PublishResponse>";

    // Non-ASCII (Latin-1, CJK, an emoji outside the BMP) and every character form encoding treats specially.
    private const string Message = "{\n  \"default\": \"Schlüssel deaktiviert: a&b=c+d e~f/g?h#i%j 日本 🔑\",\n  \"sqs\": \"{\\\"k\\\": \\\"v*(x)!'\\\"}\"\n}";
    private const string Subject = "[HIGH] IdcKmsGuard: key disabled & re-enabled (a+b=c ~ok)";

    [Fact]
    public async Task Publish_WhenEveryFieldIsSet_ShouldSendTheBytesBotocoreSends()
    {
        using var server = new ScriptedAwsServer(ScriptedResponse.Xml(200, PublishResult));
        var request = new SnsPublishRequest(TopicArn, Message, Subject, "json", [new("severity", "high"), new("rule", "key disabled & re-enabled=1+1")]);

        await new SnsClient(server.HttpClient(), "us-east-1").PublishAsync(request, CancellationToken.None);

        var expected = await Botocore.SerializeAsync("sns", "Publish", new JsonObject
        {
            ["TopicArn"] = TopicArn,
            ["Message"] = Message,
            ["Subject"] = Subject,
            ["MessageStructure"] = "json",
            ["MessageAttributes"] = new JsonObject
            {
                ["severity"] = new JsonObject { ["DataType"] = "String", ["StringValue"] = "high" },
                ["rule"] = new JsonObject { ["DataType"] = "String", ["StringValue"] = "key disabled & re-enabled=1+1" },
            },
        });
        var actual = server.Requests.Single();
        WireAssert.SameEnvelope(expected, actual);
        WireAssert.SameFormBody(expected, actual);
        Assert.Equal("application/x-www-form-urlencoded; charset=utf-8", actual.Header("Content-Type"));
    }

    [Fact]
    public async Task Publish_WhenOnlyTopicAndMessage_ShouldSendTheBytesBotocoreSends()
    {
        using var server = new ScriptedAwsServer(ScriptedResponse.Xml(200, PublishResult));

        await new SnsClient(server.HttpClient(), "us-east-1").PublishAsync(new SnsPublishRequest(TopicArn, "plain text\r\nline two"), CancellationToken.None);

        var expected = await Botocore.SerializeAsync("sns", "Publish", new JsonObject { ["TopicArn"] = TopicArn, ["Message"] = "plain text\r\nline two" });
        var actual = server.Requests.Single();
        WireAssert.SameEnvelope(expected, actual);
        WireAssert.SameFormBody(expected, actual);
    }

    [Fact]
    public async Task GetTopicAttributes_ShouldSendTheBytesBotocoreSendsAndReadEveryAttribute()
    {
        const string Answer = "<GetTopicAttributesResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><GetTopicAttributesResult><Attributes>"
            + "<entry><key>KmsMasterKeyId</key><value>0f0e0d0c-1111-2222-3333-444455556666</value></entry>"
            + "<entry><key>SubscriptionsConfirmed</key><value>2</value></entry>"
            + "<entry><key>Policy</key><value>{&quot;Version&quot;:&quot;2012-10-17&quot;}</value></entry>"
            + "</Attributes></GetTopicAttributesResult></GetTopicAttributesResponse>";
        using var server = new ScriptedAwsServer(ScriptedResponse.Xml(200, Answer));

        var attributes = await new SnsClient(server.HttpClient(), "us-east-1").GetTopicAttributesAsync(TopicArn, CancellationToken.None);

        var expected = await Botocore.SerializeAsync("sns", "GetTopicAttributes", new JsonObject { ["TopicArn"] = TopicArn });
        var actual = server.Requests.Single();
        WireAssert.SameEnvelope(expected, actual);
        WireAssert.SameFormBody(expected, actual);
        Assert.Equal("0f0e0d0c-1111-2222-3333-444455556666", attributes["KmsMasterKeyId"]);
        Assert.Equal("2", attributes["SubscriptionsConfirmed"]);
        Assert.Equal("{\"Version\":\"2012-10-17\"}", attributes["Policy"]);
    }
}
