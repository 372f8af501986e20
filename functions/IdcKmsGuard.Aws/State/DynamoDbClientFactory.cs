using Amazon.DynamoDBv2;
using Amazon.Runtime;
using IdcKmsGuard.Aws.Endpoints;

namespace IdcKmsGuard.Aws.State;

/// <summary>The state table's client, with the same endpoint override rules as the other clients.</summary>
public static class DynamoDbClientFactory
{
    public static AmazonDynamoDBClient Create(AWSCredentials credentials, AwsEndpointResolver endpoints, string region) =>
        new(credentials, SdkClientConfiguration.For(new AmazonDynamoDBConfig(), endpoints, AwsService.DynamoDb, region));
}
