using IdcKmsGuard.Aws.Endpoints;
using IdcKmsGuard.Aws.Http;

namespace IdcKmsGuard.Infra.Tests.Support.EventBridge;

/// <summary>PutRule, PutTargets and PutEvents over the project's own awsJson1_1 client.</summary>
internal sealed class EventBridgeClient(AwsHttpClient http, string region)
{
    private readonly JsonProtocolClient client = new(http, AwsService.EventBridge, "AWSEvents", region);

    public async Task<string> PutRuleAsync(string name, string eventPattern, string state = "ENABLED")
    {
        var response = await client.InvokeAsync("PutRule", new PutRuleRequest(name, eventPattern, state), EventBridgeJsonContext.Default.PutRuleRequest, EventBridgeJsonContext.Default.PutRuleResponse, name, CancellationToken.None);
        return response.RuleArn ?? throw new InvalidOperationException($"PutRule {name} returned no RuleArn.");
    }

    public async Task PutTargetAsync(string rule, RuleTarget target)
    {
        var response = await client.InvokeAsync("PutTargets", new PutTargetsRequest(rule, [target]), EventBridgeJsonContext.Default.PutTargetsRequest, EventBridgeJsonContext.Default.PutTargetsResponse, rule, CancellationToken.None);
        if (response.FailedEntryCount != 0)
        {
            var failure = response.FailedEntries is [var first, ..] ? first : null;
            throw new InvalidOperationException($"PutTargets {rule} refused {target.Arn}: {failure?.ErrorCode} {failure?.ErrorMessage}");
        }
    }

    public async Task<string> PutEventAsync(PutEventsEntry entry)
    {
        var response = await client.InvokeAsync("PutEvents", new PutEventsRequest([entry]), EventBridgeJsonContext.Default.PutEventsRequest, EventBridgeJsonContext.Default.PutEventsResponse, null, CancellationToken.None);
        var result = response.Entries is [var first, ..] ? first : null;
        return response.FailedEntryCount == 0 && result?.EventId is { } id
            ? id
            : throw new InvalidOperationException($"PutEvents refused '{entry.DetailType}': {result?.ErrorCode} {result?.ErrorMessage}");
    }
}
