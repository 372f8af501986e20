using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using IdcKmsGuard.Core.Errors;
using IdcKmsGuard.Core.State;

namespace IdcKmsGuard.Aws.State;

/// <summary>
/// The state ports (see <see cref="GuardStores"/>) over DynamoDB's low-level API (see <see cref="StateTable"/> for the
/// layout). Conditional-check failures are decisions, not errors; every other AWS error becomes an
/// <see cref="AwsCallException"/>.
/// </summary>
public sealed partial class DynamoDbGuardStateStore
{
    // A write can lose the race to a concurrent one more than once only when the item changes under it again.
    private const int MaxAttempts = 3;

    private readonly IAmazonDynamoDB client;
    private readonly string tableName;
    private readonly TimeProvider time;

    public DynamoDbGuardStateStore(IAmazonDynamoDB client, string tableName, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(tableName);
        ArgumentNullException.ThrowIfNull(time);
        this.client = client;
        this.tableName = tableName;
        this.time = time;
    }

    private static Dictionary<string, AttributeValue> Key(string pk) => new() { [StateTable.Pk] = StateValues.Text(pk) };

    // Each call gets a fresh token; the SDK's own retries resend the same request, so a write that succeeded but
    // whose answer was lost is recognised as ours instead of as someone else's.
    private static string NewToken() => Guid.NewGuid().ToString("N");

    private Task<GetItemResponse> GetAsync(string pk, CancellationToken cancellationToken) =>
        CallAsync("GetItem", pk, () => client.GetItemAsync(
            new GetItemRequest { TableName = tableName, Key = Key(pk), ConsistentRead = true },
            cancellationToken));

    /// <summary>The item a failed condition saw: from the error when DynamoDB returned it, otherwise read again.</summary>
    private async Task<Dictionary<string, AttributeValue>?> CurrentAsync(
        string pk, ConditionalCheckFailedException failure, CancellationToken cancellationToken)
    {
        if (!failure.Item.IsEmpty())
        {
            return failure.Item;
        }

        var read = await GetAsync(pk, cancellationToken).ConfigureAwait(false);
        return read.Item.IsEmpty() ? null : read.Item;
    }

    private async Task<T> CallAsync<T>(string operation, string pk, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (AmazonServiceException e) when (e is not ConditionalCheckFailedException)
        {
            throw new AwsCallException(
                "dynamodb", operation, e.ErrorCode ?? e.GetType().Name, e.Message, e.RequestId, (int)e.StatusCode, $"{tableName}/{pk}", e);
        }
        catch (Exception e) when (e is AmazonClientException or HttpRequestException or IOException
            || e is TaskCanceledException { InnerException: TimeoutException })
        {
            // The SDK's retries are spent and DynamoDB gave no answer: whether a write happened is unknown.
            var code = e is TaskCanceledException ? TransientErrors.RequestTimeout : TransientErrors.NetworkError;
            throw new AwsCallException("dynamodb", operation, code, e.Message, null, null, $"{tableName}/{pk}", e);
        }
    }

    /// <summary>
    /// Puts <paramref name="item"/> unless the item kept holds a later <paramref name="order"/> attribute: events and
    /// sweeps arrive out of order, and an older observation delivered late must not replace a newer one.
    /// </summary>
    /// <param name="orEqual">Whether an equal value may be replaced (a repeated observation of the same moment).</param>
    private async Task PutUnlessNewerKeptAsync(
        string pk,
        Dictionary<string, AttributeValue> item,
        string order,
        bool orEqual,
        CancellationToken cancellationToken)
    {
        var request = new PutItemRequest
        {
            TableName = tableName,
            Item = item,
            ConditionExpression = $"attribute_not_exists(pk) OR {order} {(orEqual ? "<=" : "<")} :order",
            ExpressionAttributeValues = new() { [":order"] = item[order] },
        };
        // False: a newer one is kept already.
        await TryPutAsync(pk, request, cancellationToken).ConfigureAwait(false);
    }

    /// <returns>False when the request's condition failed: nothing was written.</returns>
    private async Task<bool> TryPutAsync(string pk, PutItemRequest request, CancellationToken cancellationToken)
    {
        try
        {
            await CallAsync("PutItem", pk, () => client.PutItemAsync(request, cancellationToken)).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    private InvalidOperationException KeptChanging(string pk) =>
        new($"The state item {tableName}/{pk} changed under {MaxAttempts} conditional writes in a row.");
}
