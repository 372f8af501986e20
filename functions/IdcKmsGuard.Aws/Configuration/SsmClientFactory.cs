using System.Collections.Concurrent;
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
        return new AmazonSimpleSystemsManagementClient(credentials, SdkClientConfiguration.For(new AmazonSimpleSystemsManagementConfig(), endpoints, AwsService.Ssm, region));
    }
}
