using Amazon.KeyManagementService;
using Amazon.Runtime;
using IdcKmsGuard.Aws.Endpoints;

namespace IdcKmsGuard.Aws.Kms;

/// <summary>One KMS client per Region, with the same endpoint override rules as the thin clients.</summary>
/// <param name="retries">The SDK's retries after the first attempt; 0 for the client that sends changes.</param>
public sealed class KmsClientFactory(AWSCredentials credentials, AwsEndpointResolver endpoints, int retries = SdkClientConfiguration.StandardRetries)
    : RegionalClients<AmazonKeyManagementServiceClient>(region => new AmazonKeyManagementServiceClient(
        credentials,
        SdkClientConfiguration.For(new AmazonKeyManagementServiceConfig(), endpoints, AwsService.Kms, region, retries)))
{
    /// <summary>The factory for the calls that change a key: no blind resend after a lost answer.</summary>
    public static KmsClientFactory ForChanges(AWSCredentials credentials, AwsEndpointResolver endpoints) => new(credentials, endpoints, retries: 0);

    public IAmazonKeyManagementService For(string region) => ClientFor(region);
}
