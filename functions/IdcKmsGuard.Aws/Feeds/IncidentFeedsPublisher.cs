using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Errors;
using IdcKmsGuard.Core.Ports;
using Microsoft.Extensions.Logging;

namespace IdcKmsGuard.Aws.Feeds;

/// <summary>Where the deployment sends incidents besides SNS: Security Hub (one finding per incident) and an EventBridge bus.</summary>
/// <param name="Partition">The partition of the guard's account (aws, aws-cn, aws-us-gov).</param>
public sealed record IncidentFeeds(string Partition, string Region, string Account, RunbookLinks Runbooks)
{
    public string ProductArn => AsffFindings.ProductArn(Partition, Region, Account);
}

/// <summary>
/// Publishes to people first (SNS), then to the feeds: each alert updates its incident's Security Hub finding and goes
/// on the EventBridge bus. A feed that fails after its retries is logged as IncidentFeedFailed (an error the guard's
/// error alarm counts) and does not fail the attempt: that would send people the same alert again.
/// </summary>
public sealed class IncidentFeedsPublisher(
    IAlertPublisher people, IncidentFeeds feeds, SecurityHubClient? securityHub, AlertEventsClient? events, ILogger logger) : IAlertPublisher
{
    public async Task<string> PublishAsync(RenderedAlert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var messageId = await people.PublishAsync(alert, cancellationToken).ConfigureAwait(false);
        if (alert.Source is not { } source)
        {
            return messageId;
        }

        if (securityHub is not null)
        {
            await FeedAsync("Security Hub", source, () => ImportAsync(securityHub, source, cancellationToken)).ConfigureAwait(false);
        }

        if (events is not null)
        {
            var resource = source.KeyArn ?? source.InstanceArn;
            await FeedAsync("EventBridge", source, () => events.PutAsync(alert.Json, resource, cancellationToken)).ConfigureAwait(false);
        }

        return messageId;
    }

    public Task<AlertChannel?> DescribeAsync(CancellationToken cancellationToken) => people.DescribeAsync(cancellationToken);

    private async Task ImportAsync(SecurityHubClient client, Alert alert, CancellationToken cancellationToken)
    {
        var finding = AsffFindings.From(alert, feeds.Partition, feeds.Region, feeds.Account, feeds.Runbooks);
        await client.ImportAsync(finding, cancellationToken).ConfigureAwait(false);
        if (finding.RecordState == "ARCHIVED")
        {
            await client.SetWorkflowAsync(finding.Id, finding.ProductArn, "RESOLVED", $"Resolved: {alert.Headline}", cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task FeedAsync(string feed, Alert alert, Func<Task> send)
    {
        try
        {
            await send().ConfigureAwait(false);
        }
        catch (Exception e) when (e is AwsCallException or HttpRequestException or IOException or TaskCanceledException)
        {
            logger.LogError(
                e,
                "IncidentFeedFailed: {Feed} did not take incident {IncidentId} of alert {AlertId} ({Rule}); people were told through SNS",
                feed,
                alert.Incident?.Id,
                alert.AlertId,
                alert.RuleId);
        }
    }
}
