using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using IdcKmsGuard.Aws.State;
using IdcKmsGuard.Testing;

namespace IdcKmsGuard.Aws.Tests.State;

/// <summary>The state table as the template defines it, in an account of its own on the stand-in.</summary>
internal sealed class StateTestTable : IDisposable
{
    public const string Name = "IdcKmsGuardState";

    private StateTestTable(TestAccount account, AmazonDynamoDBClient client)
    {
        Account = account;
        Client = client;
        Store = new DynamoDbGuardStateStore(client, Name, Clock);
    }

    public static DateTimeOffset Start { get; } = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public TestAccount Account { get; }

    public AmazonDynamoDBClient Client { get; }

    public ManualClock Clock { get; } = new(Start);

    public DynamoDbGuardStateStore Store { get; }

    public static async Task<StateTestTable> CreateAsync()
    {
        var account = TestAccount.Create();
        var table = new StateTestTable(account, DynamoDbClientFactory.Create(account.Credentials, account.Endpoints, account.Region));
        await table.Client.CreateTableAsync(new CreateTableRequest
        {
            TableName = Name,
            KeySchema = [new KeySchemaElement("pk", KeyType.HASH)],
            AttributeDefinitions = [new AttributeDefinition("pk", ScalarAttributeType.S), new AttributeDefinition("outboxScope", ScalarAttributeType.S)],
            GlobalSecondaryIndexes =
            [
                new GlobalSecondaryIndex
                {
                    IndexName = "unfinished",
                    KeySchema = [new KeySchemaElement("outboxScope", KeyType.HASH)],
                    Projection = new Projection { ProjectionType = ProjectionType.KEYS_ONLY },
                },
            ],
            BillingMode = BillingMode.PAY_PER_REQUEST,
        });
        await table.Client.UpdateTimeToLiveAsync(new UpdateTimeToLiveRequest
        {
            TableName = Name,
            TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = "expiresAt", Enabled = true },
        });
        return table;
    }

    /// <summary>A second store on the same table whose client loses the first answer to <paramref name="target"/>.</summary>
    public (DynamoDbGuardStateStore Store, LostFirstAnswer Http, IDisposable Client) StoreLosingFirstAnswer(string target)
    {
        var http = new LostFirstAnswer(target);
        var client = new AmazonDynamoDBClient(Account.Credentials, new AmazonDynamoDBConfig
        {
            ServiceURL = TestAccount.Moto.Endpoint.ToString(),
            AuthenticationRegion = Account.Region,
            RetryMode = RequestRetryMode.Standard,
            MaxErrorRetry = 3,
            HttpClientFactory = http,
        });
        return (new DynamoDbGuardStateStore(client, Name, Clock), http, client);
    }

    /// <summary>Drops one attribute of an item, as an item written by an earlier version would lack it.</summary>
    public Task RemoveAttributeAsync(string pk, string attribute) =>
        Client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = Name,
            Key = new() { ["pk"] = new AttributeValue { S = pk } },
            UpdateExpression = "REMOVE #a",
            ExpressionAttributeNames = new() { ["#a"] = attribute },
        });

    public async Task<Dictionary<string, AttributeValue>> ItemAsync(string pk) =>
        (await Client.GetItemAsync(new GetItemRequest
        {
            TableName = Name,
            Key = new() { ["pk"] = new AttributeValue { S = pk } },
            ConsistentRead = true,
        })).Item ?? [];

    public void Dispose() => Client.Dispose();
}
