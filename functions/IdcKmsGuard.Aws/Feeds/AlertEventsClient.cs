using IdcKmsGuard.Aws.Endpoints;
using IdcKmsGuard.Aws.Http;
using IdcKmsGuard.Core.Errors;

namespace IdcKmsGuard.Aws.Feeds;

/// <summary>
/// Puts each alert on an EventBridge bus for downstream automation (source "idckmsguard", detail = the alert
/// document), in place of AWSSDK.EventBridge (not served by our package source).
/// </summary>
public sealed class AlertEventsClient(AwsHttpClient http, string region, string eventBus)
{
    public const string Source = "idckmsguard";
    public const string DetailType = "IdcKmsGuard Alert";

    private readonly JsonProtocolClient client = new(http, AwsService.EventBridge, "AWSEvents", region);

    /// <exception cref="AwsCallException">The call failed, or EventBridge refused the entry.</exception>
    public async Task PutAsync(string document, string? resource, CancellationToken cancellationToken)
    {
        var answer = await client.InvokeAsync(
            "PutEvents",
            Request(document, resource),
            FeedsJsonContext.Default.PutEventsRequest,
            FeedsJsonContext.Default.PutEventsResponse,
            eventBus,
            cancellationToken).ConfigureAwait(false);
        if (answer.FailedEntryCount > 0)
        {
            var entry = answer.Entries?.FirstOrDefault(e => e.ErrorCode is not null);
            throw new AwsCallException(
                "events", "PutEvents", entry?.ErrorCode ?? "FailedEntry", entry?.ErrorMessage ?? "EventBridge refused the event.", null, 200, eventBus);
        }
    }

    internal AwsHttpRequest Serialize(string document, string? resource) =>
        client.Serialize("PutEvents", Request(document, resource), FeedsJsonContext.Default.PutEventsRequest, eventBus);

    private PutEventsRequest Request(string document, string? resource) =>
        new([new PutEventsEntry(Source, DetailType, document, resource is null ? [] : [resource], eventBus)]);
}
