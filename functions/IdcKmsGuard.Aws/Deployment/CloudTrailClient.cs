using IdcKmsGuard.Aws.Endpoints;
using IdcKmsGuard.Aws.Http;

namespace IdcKmsGuard.Aws.Deployment;

/// <summary>
/// The three CloudTrail reads `doctor` makes, in place of AWSSDK.CloudTrail (not served by our package source).
/// Swapping in the SDK later means replacing this class.
/// </summary>
public sealed class CloudTrailClient(AwsHttpClient http, string region)
{
    private readonly JsonProtocolClient client = new(http, AwsService.CloudTrail, "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101", region);

    /// <returns>The trails this Region sees, organization trails and other Regions' multi-Region trails included.</returns>
    public async Task<IReadOnlyList<Trail>> DescribeTrailsAsync(CancellationToken cancellationToken) =>
        (await client.InvokeAsync(
            "DescribeTrails",
            new DescribeTrailsRequest(null, IncludeShadowTrails: true),
            DeploymentJsonContext.Default.DescribeTrailsRequest,
            DeploymentJsonContext.Default.DescribeTrailsResponse,
            null,
            cancellationToken).ConfigureAwait(false)).TrailList ?? [];

    public Task<TrailStatus> GetTrailStatusAsync(string trailArn, CancellationToken cancellationToken) =>
        client.InvokeAsync(
            "GetTrailStatus",
            new TrailNameRequest(Name: trailArn),
            DeploymentJsonContext.Default.TrailNameRequest,
            DeploymentJsonContext.Default.TrailStatus,
            trailArn,
            cancellationToken);

    public Task<TrailEventSelectors> GetEventSelectorsAsync(string trailArn, CancellationToken cancellationToken) =>
        client.InvokeAsync(
            "GetEventSelectors",
            new TrailNameRequest(TrailName: trailArn),
            DeploymentJsonContext.Default.TrailNameRequest,
            DeploymentJsonContext.Default.TrailEventSelectors,
            trailArn,
            cancellationToken);
}
