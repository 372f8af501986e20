using System.Text.Json.Nodes;
using IdcKmsGuard.Aws.Sns;
using IdcKmsGuard.Aws.Tests.Support;
using IdcKmsGuard.Core.Errors;
using IdcKmsGuard.Testing;

namespace IdcKmsGuard.Aws.Tests.Sns;

/// <summary>SnsClient over HTTP against the stand-in; SNS delivers to the seeded SQS subscriber.</summary>
public sealed class SnsClientTests
{
    private readonly TestAccount account = TestAccount.Create();

    [Fact]
    public async Task PublishAsync_WhenMessageStructureIsJson_ShouldDeliverTheSqsEntryWithTheAttributes()
    {
        var seeded = account.Seed();
        using var inbox = new SqsInbox(account, seeded);
        const string SqsEntry = """{"text":"Schlüssel & co = 1+1 ~ 🔑"}""";
        var message = new JsonObject { ["default"] = "short text", ["sqs"] = SqsEntry }.ToJsonString();
        var request = new SnsPublishRequest(seeded.TopicArn, message, "Key disabled & re-enabled", "json", [new("severity", "high"), new("rule", "key-disabled")]);

        var messageId = await new SnsClient(account.HttpClient(), account.Region).PublishAsync(request, CancellationToken.None);

        var envelope = await inbox.ReceiveSingleAsync();
        Assert.False(string.IsNullOrWhiteSpace(messageId));
        Assert.Equal(messageId, envelope.GetProperty("MessageId").GetString());
        Assert.Equal(SqsEntry, envelope.GetProperty("Message").GetString());
        Assert.Equal("Key disabled & re-enabled", envelope.GetProperty("Subject").GetString());
        Assert.Equal(
            new Dictionary<string, string> { ["severity"] = "String:high", ["rule"] = "String:key-disabled" },
            SqsInbox.Attributes(envelope));
    }

    [Fact]
    public async Task PublishAsync_WhenTopicDoesNotExist_ShouldThrowNotFoundWithTheRequestId()
    {
        var missing = $"arn:aws:sns:{account.Region}:{account.AccountId}:no-such-topic";

        var error = await Assert.ThrowsAsync<AwsCallException>(() =>
            new SnsClient(account.HttpClient(), account.Region).PublishAsync(new SnsPublishRequest(missing, "hello"), CancellationToken.None));

        Assert.Equal(("sns", "Publish", "NotFound", 404), (error.Service, error.Operation, error.ErrorCode, error.HttpStatus));
        Assert.Equal(missing, error.Resource);
        Assert.False(string.IsNullOrEmpty(error.RequestId));
    }
}
