using Amazon.KeyManagementService;
using Amazon.Runtime;
using IdcKmsGuard.Aws.Endpoints;

namespace IdcKmsGuard.Aws.Kms;

/// <summary>One KMS client per Region, with the same endpoint override rules as the thin clients.</summary>
public sealed class KmsClientFactory(AWSCredentials credentials, AwsEndpointResolver endpoints)
    : RegionalClients<AmazonKeyManagementServiceClient>(region => new AmazonKeyManagementServiceClient(credentials, SdkClientConfiguration.For(new AmazonKeyManagementServiceConfig(), endpoints, AwsService.Kms, region)))
{
    public IAmazonKeyManagementService For(string region) => ClientFor(region);
}
