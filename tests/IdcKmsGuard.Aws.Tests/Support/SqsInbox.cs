using System.Text.Json;
using Amazon.SQS;
using Amazon.SQS.Model;
using IdcKmsGuard.Testing;

namespace IdcKmsGuard.Aws.Tests.Support;

/// <summary>The seeded SQS subscriber of the alert topic, read with AWSSDK.SQS.</summary>
internal sealed class SqsInbox(TestAccount account, SeededAccount seeded) : IDisposable
{
    private readonly AmazonSQSClient sqs = new(account.Credentials, new AmazonSQSConfig
    {
        ServiceURL = TestAccount.Moto.Endpoint.ToString(),
        AuthenticationRegion = account.Region,
    });

    /// <returns>The SNS envelope (Type, MessageId, Subject, Message, MessageAttributes) of the one message that arrived.</returns>
    public async Task<JsonElement> ReceiveSingleAsync()
    {
        var messages = new List<Message>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (messages.Count == 0)
        {
            var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = seeded.QueueUrl, MaxNumberOfMessages = 10, WaitTimeSeconds = 1 }, timeout.Token);
            messages.AddRange(response.Messages ?? []);
        }

        using var envelope = JsonDocument.Parse(Assert.Single(messages).Body);
        return envelope.RootElement.Clone();
    }

    public static IReadOnlyDictionary<string, string> Attributes(JsonElement envelope) =>
        envelope.GetProperty("MessageAttributes").EnumerateObject().ToDictionary(
            attribute => attribute.Name,
            attribute => $"{attribute.Value.GetProperty("Type").GetString()}:{attribute.Value.GetProperty("Value").GetString()}",
            StringComparer.Ordinal);

    public void Dispose() => sqs.Dispose();
}
