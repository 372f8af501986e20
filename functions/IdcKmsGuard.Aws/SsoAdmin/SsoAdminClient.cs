using IdcKmsGuard.Aws.Endpoints;
using IdcKmsGuard.Aws.Http;

namespace IdcKmsGuard.Aws.SsoAdmin;

/// <summary>
/// The four SSO Admin operations the guard uses, in place of AWSSDK.SSOAdmin (not served by our package
/// source). Swapping in the SDK later means replacing this class and the model file only.
/// </summary>
public sealed class SsoAdminClient
{
    private const string TargetPrefix = "SWBExternalService";
    private readonly JsonProtocolClient client;

    public SsoAdminClient(AwsHttpClient http, string region) =>
        client = new JsonProtocolClient(http, AwsService.SsoAdmin, TargetPrefix, region);

    public string Region => client.Region;

    public async Task<IReadOnlyList<InstanceMetadata>> ListInstancesAsync(CancellationToken cancellationToken)
    {
        var instances = new List<InstanceMetadata>();
        string? next = null;
        do
        {
            var page = await client.InvokeAsync(
                "ListInstances",
                new ListInstancesRequest(NextToken: next),
                SsoAdminJsonContext.Default.ListInstancesRequest,
                SsoAdminJsonContext.Default.ListInstancesResponse,
                null,
                cancellationToken).ConfigureAwait(false);
            instances.AddRange(page.Instances ?? []);
            next = page.NextToken;
        }
        while (!string.IsNullOrEmpty(next));

        return instances;
    }

    public Task<DescribeInstanceResponse> DescribeInstanceAsync(string instanceArn, CancellationToken cancellationToken) =>
        client.InvokeAsync(
            "DescribeInstance",
            new DescribeInstanceRequest(instanceArn),
            SsoAdminJsonContext.Default.DescribeInstanceRequest,
            SsoAdminJsonContext.Default.DescribeInstanceResponse,
            instanceArn,
            cancellationToken);

    public async Task UpdateInstanceAsync(UpdateInstanceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await client.InvokeAsync(
            "UpdateInstance",
            request,
            SsoAdminJsonContext.Default.UpdateInstanceRequest,
            SsoAdminJsonContext.Default.EmptyResponse,
            request.InstanceArn,
            cancellationToken,
            safeToRepeat: false).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<RegionMetadata>> ListRegionsAsync(string instanceArn, CancellationToken cancellationToken)
    {
        var regions = new List<RegionMetadata>();
        string? next = null;
        do
        {
            var page = await client.InvokeAsync(
                "ListRegions",
                new ListRegionsRequest(instanceArn, NextToken: next),
                SsoAdminJsonContext.Default.ListRegionsRequest,
                SsoAdminJsonContext.Default.ListRegionsResponse,
                instanceArn,
                cancellationToken).ConfigureAwait(false);
            regions.AddRange(page.Regions ?? []);
            next = page.NextToken;
        }
        while (!string.IsNullOrEmpty(next));

        return regions;
    }

    internal AwsHttpRequest SerializeForTest<TRequest>(
        string operation,
        TRequest request,
        System.Text.Json.Serialization.Metadata.JsonTypeInfo<TRequest> type) =>
        client.Serialize(operation, request, type, null);
}
