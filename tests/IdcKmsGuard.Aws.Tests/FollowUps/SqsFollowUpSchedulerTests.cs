using Amazon.SQS;
using Amazon.SQS.Model;
using IdcKmsGuard.Aws.FollowUps;
using IdcKmsGuard.Core.Errors;
using IdcKmsGuard.Core.FollowUps;
using IdcKmsGuard.Testing;

namespace IdcKmsGuard.Aws.Tests.FollowUps;

/// <summary>SqsFollowUpScheduler over AWSSDK.SQS against the stand-in, each test in its own account.</summary>
public sealed class SqsFollowUpSchedulerTests
{
    private static readonly FollowUp Sample = new("0c4a2f1e-0000-4000-8000-000000000021", 2, new DateTimeOffset(2026, 11, 30, 7, 3, 0, TimeSpan.Zero));
    private readonly TestAccount account = TestAccount.Create();

    [Fact]
    public async Task ScheduleAsync_WithoutDelay_ShouldPutTheFollowUpOnTheQueueAsItsBody()
    {
        using var sqs = Sqs();
        var queue = (await sqs.CreateQueueAsync($"follow-ups-{Guid.NewGuid():N}")).QueueUrl;

        await SqsFollowUpScheduler.Create(account.Credentials, account.Endpoints, account.Region, queue).ScheduleAsync(Sample, TimeSpan.Zero, CancellationToken.None);

        var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queue, WaitTimeSeconds = 1, MessageAttributeNames = ["All"] });
        var message = Assert.Single(received.Messages);
        Assert.Equal(Sample, FollowUpJson.Read(message.Body));
        Assert.Equal("2", message.MessageAttributes["attempt"].StringValue);
    }

    [Fact]
    public async Task ScheduleAsync_WithADelay_ShouldHoldTheMessageBack()
    {
        using var sqs = Sqs();
        var queue = (await sqs.CreateQueueAsync($"follow-ups-{Guid.NewGuid():N}")).QueueUrl;

        await SqsFollowUpScheduler.Create(account.Credentials, account.Endpoints, account.Region, queue).ScheduleAsync(Sample, TimeSpan.FromHours(1), CancellationToken.None);

        var attributes = await sqs.GetQueueAttributesAsync(queue, ["ApproximateNumberOfMessagesDelayed", "ApproximateNumberOfMessages"]);
        Assert.Equal((1, 0), (attributes.ApproximateNumberOfMessagesDelayed, attributes.ApproximateNumberOfMessages));
    }

    [Fact]
    public async Task ScheduleAsync_WhenTheQueueDoesNotExist_ShouldFailWithTheSqsErrorAndTheQueue()
    {
        var queue = $"{TestAccount.Moto.Endpoint}{account.AccountId}/no-such-queue";

        var error = await Assert.ThrowsAsync<AwsCallException>(() => SqsFollowUpScheduler.Create(account.Credentials, account.Endpoints, account.Region, queue).ScheduleAsync(Sample, TimeSpan.Zero, CancellationToken.None));

        Assert.Equal(("sqs", "SendMessage", queue), (error.Service, error.Operation, error.Resource));
        Assert.Contains("NonExistentQueue", error.ErrorCode, StringComparison.Ordinal);
    }

    private AmazonSQSClient Sqs() =>
        new(account.Credentials, new AmazonSQSConfig { ServiceURL = TestAccount.Moto.Endpoint.ToString(), AuthenticationRegion = account.Region });
}
