using System.Globalization;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using IdcKmsGuard.Aws.Endpoints;
using IdcKmsGuard.Core.Errors;
using IdcKmsGuard.Core.FollowUps;
using IdcKmsGuard.Core.Ports;

namespace IdcKmsGuard.Aws.FollowUps;

/// <summary>Follow-ups as delayed messages on the guard's own queue, which invokes the function again.</summary>
public sealed class SqsFollowUpScheduler(IAmazonSQS sqs, string queueUrl) : IFollowUpScheduler
{
    private const string Operation = "SendMessage";

    // SQS delays a message by at most 15 minutes.
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(15);

    public static SqsFollowUpScheduler Create(AWSCredentials credentials, AwsEndpointResolver endpoints, string region, string queueUrl) =>
        new(new AmazonSQSClient(credentials, SdkClientConfiguration.For(new AmazonSQSConfig(), endpoints, AwsService.Sqs, region)), queueUrl);

    public async Task ScheduleAsync(FollowUp followUp, TimeSpan delay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(followUp);
        var seconds = (int)Math.Clamp(delay.TotalSeconds, 0, MaxDelay.TotalSeconds);
        var request = new SendMessageRequest
        {
            QueueUrl = queueUrl,
            MessageBody = FollowUpJson.Write(followUp),
            DelaySeconds = seconds,
            MessageAttributes = new Dictionary<string, MessageAttributeValue>(StringComparer.Ordinal)
            {
                ["attempt"] = new() { DataType = "Number", StringValue = followUp.Attempt.ToString(CultureInfo.InvariantCulture) },
            },
        };
        try
        {
            await sqs.SendMessageAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonServiceException e)
        {
            throw new AwsCallException("sqs", Operation, e.ErrorCode ?? e.GetType().Name, e.Message, e.RequestId, (int)e.StatusCode, queueUrl, e);
        }
        catch (Exception e) when (e is AmazonClientException or HttpRequestException or IOException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new AwsCallException("sqs", Operation, e is OperationCanceledException ? "Timeout" : "NoResponse", e.Message, null, null, queueUrl, e);
        }
    }
}
