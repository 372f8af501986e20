using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using IdcKmsGuard.Aws.Endpoints;

namespace IdcKmsGuard.Aws.Configuration;

/// <summary>One SSM client per Region, with the same endpoint override rules as the other clients.</summary>
public sealed class SsmClientFactory(AWSCredentials credentials, AwsEndpointResolver endpoints)
    : RegionalClients<AmazonSimpleSystemsManagementClient>(region => new AmazonSimpleSystemsManagementClient(
        credentials,
        SdkClientConfiguration.For(new AmazonSimpleSystemsManagementConfig(), endpoints, AwsService.Ssm, region)))
{
    public IAmazonSimpleSystemsManagement For(string region) => ClientFor(region);
}
