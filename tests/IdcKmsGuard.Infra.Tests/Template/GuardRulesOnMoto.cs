using System.Text.Json;
using Amazon.SQS;
using Amazon.SQS.Model;
using IdcKmsGuard.Infra.Tests.Support.EventBridge;
using IdcKmsGuard.Infra.Tests.Support.Templates;
using IdcKmsGuard.Testing;

namespace IdcKmsGuard.Infra.Tests.Template;

/// <summary>
/// The guard function's EventBridge rules, read from template.yaml and installed on the default bus of a fresh
/// account on the local stand-in, each with a queue of its own as target, so a delivery names the rule.
/// </summary>
public sealed class GuardRulesOnMoto : IAsyncLifetime, IDisposable
{
    private readonly Dictionary<string, string> queueByRule = new(StringComparer.Ordinal);
    private readonly AmazonSQSClient sqs;
    private readonly EventBridgeClient events;
    private readonly string accountId;

    public GuardRulesOnMoto()
    {
        var account = TestAccount.Create();
        accountId = account.AccountId;
        sqs = new AmazonSQSClient(account.Credentials, new AmazonSQSConfig
        {
            ServiceURL = TestAccount.Moto.Endpoint.ToString(),
            AuthenticationRegion = account.Region,
        });
        events = new EventBridgeClient(account.HttpClient(), account.Region);
    }

    public IReadOnlyCollection<string> Rules => queueByRule.Keys;

    public async Task InitializeAsync()
    {
        foreach (var rule in EventRule.OfGuard())
        {
            var queueUrl = (await sqs.CreateQueueAsync($"deliveries-{rule.Name}")).QueueUrl;
            var queueArn = (await sqs.GetQueueAttributesAsync(queueUrl, ["QueueArn"])).QueueARN;
            var ruleName = $"idckmsguard-{rule.Name}";
            await events.PutRuleAsync(ruleName, rule.PatternJson(accountId), rule.State);
            await events.PutTargetAsync(ruleName, new RuleTarget("deliveries", queueArn));
            queueByRule[rule.Name] = queueUrl;
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => sqs.Dispose();

    /// <summary>
    /// Puts one event on the default bus as AWS would (source, detail-type, detail, resources) and returns what each
    /// rule delivered. Callers must not overlap: tests of one class run one at a time in xUnit.
    /// </summary>
    public async Task<IReadOnlyList<RuleDelivery>> PutAsync(JsonElement envelope)
    {
        await events.PutEventAsync(new PutEventsEntry(
            envelope.GetProperty("source").GetString()!,
            envelope.GetProperty("detail-type").GetString()!,
            envelope.GetProperty("detail").GetRawText(),
            [.. envelope.GetProperty("resources").EnumerateArray().Select(resource => resource.GetString()!)]));

        // moto matches and sends to the SQS targets inside PutEvents, so the queues are complete when it returns.
        var deliveries = new List<RuleDelivery>();
        foreach (var (rule, queueUrl) in queueByRule)
        {
            deliveries.AddRange((await DrainAsync(queueUrl)).Select(body => new RuleDelivery(rule, body)));
        }

        return deliveries;
    }

    private async Task<IReadOnlyList<JsonElement>> DrainAsync(string queueUrl)
    {
        var bodies = new List<JsonElement>();
        while (true)
        {
            var messages = (await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, MaxNumberOfMessages = 10, WaitTimeSeconds = 0 })).Messages;
            if (messages is null or { Count: 0 })
            {
                return bodies;
            }

            foreach (var message in messages)
            {
                using var body = JsonDocument.Parse(message.Body);
                bodies.Add(body.RootElement.Clone());
                await sqs.DeleteMessageAsync(queueUrl, message.ReceiptHandle);
            }
        }
    }
}
