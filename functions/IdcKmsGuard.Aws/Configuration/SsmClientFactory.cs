using System.Collections.Concurrent;
using Amazon;
using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using IdcKmsGuard.Aws.Endpoints;

namespace IdcKmsGuard.Aws.Configuration;

/// <summary>One SSM client per Region, with the same endpoint override rules as the other clients.</summary>
public sealed class SsmClientFactory(AWSCredentials credentials, AwsEndpointResolver endpoints) : IDisposable
{
    private readonly ConcurrentDictionary<string, AmazonSimpleSystemsManagementClient> clients = new(StringComparer.Ordinal);

    public IAmazonSimpleSystemsManagement For(string region) => clients.GetOrAdd(region, Create);

    public void Dispose()
    {
        foreach (var client in clients.Values)
        {
            client.Dispose();
        }
    }

    private AmazonSimpleSystemsManagementClient Create(string region)
    {
        var config = new AmazonSimpleSystemsManagementConfig
        {
            RetryMode = RequestRetryMode.Standard,
            MaxErrorRetry = 3,
            Timeout = TimeSpan.FromSeconds(10),
        };
        if (endpoints.Override(AwsService.Ssm) is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
            config.AuthenticationRegion = region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        return new AmazonSimpleSystemsManagementClient(credentials, config);
    }
}
