using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using IdcKmsGuard.Aws.Endpoints;

namespace IdcKmsGuard.Aws.State;

/// <summary>The state table's client, with the same endpoint override rules as the other clients.</summary>
public static class DynamoDbClientFactory
{
    public static AmazonDynamoDBClient Create(AWSCredentials credentials, AwsEndpointResolver endpoints, string region)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var config = new AmazonDynamoDBConfig
        {
            RetryMode = RequestRetryMode.Standard,
            MaxErrorRetry = 3,
            Timeout = TimeSpan.FromSeconds(10),
        };
        if (endpoints.Override(AwsService.DynamoDb) is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
            config.AuthenticationRegion = region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        return new AmazonDynamoDBClient(credentials, config);
    }
}
