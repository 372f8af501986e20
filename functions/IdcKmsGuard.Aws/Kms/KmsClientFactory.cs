using System.Collections.Concurrent;
using Amazon.KeyManagementService;
using Amazon.Runtime;
using IdcKmsGuard.Aws.Endpoints;

namespace IdcKmsGuard.Aws.Kms;

/// <summary>One KMS client per Region, with the same endpoint override rules as the thin clients.</summary>
public sealed class KmsClientFactory(AWSCredentials credentials, AwsEndpointResolver endpoints) : IDisposable
{
    private readonly ConcurrentDictionary<string, AmazonKeyManagementServiceClient> clients = new(StringComparer.Ordinal);

    public IAmazonKeyManagementService For(string region) => clients.GetOrAdd(region, Create);

    public void Dispose()
    {
        foreach (var client in clients.Values)
        {
            client.Dispose();
        }
    }

    private AmazonKeyManagementServiceClient Create(string region)
    {
        return new AmazonKeyManagementServiceClient(credentials, SdkClientConfiguration.For(new AmazonKeyManagementServiceConfig(), endpoints, AwsService.Kms, region));
    }
}
