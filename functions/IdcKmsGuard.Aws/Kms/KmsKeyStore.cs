using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Amazon.Runtime;
using IdcKmsGuard.Core.Errors;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.Ports;
using KeyState = IdcKmsGuard.Core.Keys.KeyState;

namespace IdcKmsGuard.Aws.Kms;

/// <summary>
/// The <see cref="IKeyStore"/> port over AWSSDK.KeyManagementService; each call goes to the key's Region. Reads use
/// the SDK's standard retries; changes go through <paramref name="changes"/>, a client that never resends one whose
/// answer may have been lost (the guard re-reads the key first).
/// </summary>
public sealed class KmsKeyStore(KmsClientFactory clients, KmsClientFactory? changes = null) : IKeyStore
{
    private readonly KmsClientFactory changeClients = changes ?? clients;

    // KMS accepts only "default"; moto answers NotFound without it.
    private const string PolicyName = "default";

    public async Task<KeySnapshot?> DescribeKeyAsync(KeyArn key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        return await DescribeAsync(key.Region, key.ToString(), cancellationToken).ConfigureAwait(false);
    }

    public Task<KeySnapshot?> ResolveAliasAsync(string region, string aliasName, CancellationToken cancellationToken) =>
        DescribeAsync(region, aliasName, cancellationToken);

    public Task<string> GetKeyPolicyAsync(KeyArn key, CancellationToken cancellationToken) =>
        CallAsync(clients, key, "GetKeyPolicy", async kms =>
            (await kms.GetKeyPolicyAsync(
                new GetKeyPolicyRequest { KeyId = key.ToString(), PolicyName = PolicyName },
                cancellationToken).ConfigureAwait(false)).Policy, cancellationToken);

    public Task PutKeyPolicyAsync(KeyArn key, string policy, CancellationToken cancellationToken) =>
        ChangeAsync(key, "PutKeyPolicy", kms => kms.PutKeyPolicyAsync(
            new PutKeyPolicyRequest { KeyId = key.ToString(), PolicyName = PolicyName, Policy = policy, BypassPolicyLockoutSafetyCheck = false },
            cancellationToken), cancellationToken);

    public Task EnableKeyAsync(KeyArn key, CancellationToken cancellationToken) =>
        ChangeAsync(key, "EnableKey", kms => kms.EnableKeyAsync(new EnableKeyRequest { KeyId = key.ToString() }, cancellationToken), cancellationToken);

    public Task CancelKeyDeletionAsync(KeyArn key, CancellationToken cancellationToken) =>
        ChangeAsync(key, "CancelKeyDeletion", kms => kms.CancelKeyDeletionAsync(
            new CancelKeyDeletionRequest { KeyId = key.ToString() },
            cancellationToken), cancellationToken);

    public Task<bool> IsRotationEnabledAsync(KeyArn key, CancellationToken cancellationToken) =>
        CallAsync(clients, key, "GetKeyRotationStatus", async kms =>
            (await kms.GetKeyRotationStatusAsync(
                new GetKeyRotationStatusRequest { KeyId = key.ToString() },
                cancellationToken).ConfigureAwait(false)).KeyRotationEnabled ?? false, cancellationToken);

    public Task EnableRotationAsync(KeyArn key, CancellationToken cancellationToken) =>
        ChangeAsync(key, "EnableKeyRotation", kms => kms.EnableKeyRotationAsync(
            new EnableKeyRotationRequest { KeyId = key.ToString() },
            cancellationToken), cancellationToken);

    public Task MarkGuardedAsync(KeyArn key, CancellationToken cancellationToken) =>
        CallAsync(clients, key, "TagResource", kms => kms.TagResourceAsync(
            new TagResourceRequest { KeyId = key.ToString(), Tags = [new Tag { TagKey = GuardedKeyTag.Key, TagValue = GuardedKeyTag.Value }] },
            cancellationToken), cancellationToken);

    public Task<IReadOnlyDictionary<string, string>> GetTagsAsync(KeyArn key, CancellationToken cancellationToken) =>
        CallAsync(clients, key, "ListResourceTags", async kms =>
        {
            var tags = new Dictionary<string, string>(StringComparer.Ordinal);
            string? marker = null;
            do
            {
                var page = await kms.ListResourceTagsAsync(
                    new ListResourceTagsRequest { KeyId = key.ToString(), Marker = marker },
                    cancellationToken).ConfigureAwait(false);
                foreach (var tag in page.Tags ?? [])
                {
                    tags[tag.TagKey] = tag.TagValue;
                }

                marker = page.Truncated == true ? page.NextMarker : null;
            }
            while (marker is not null);

            return (IReadOnlyDictionary<string, string>)tags;
        }, cancellationToken);

    private async Task<KeySnapshot?> DescribeAsync(string region, string keyReference, CancellationToken cancellationToken)
    {
        try
        {
            var response = await clients.For(region).DescribeKeyAsync(new DescribeKeyRequest { KeyId = keyReference }, cancellationToken).ConfigureAwait(false);
            return ToSnapshot(response.KeyMetadata);
        }
        catch (NotFoundException)
        {
            return null;
        }
        catch (AmazonServiceException e)
        {
            throw Wrap("DescribeKey", keyReference, e);
        }
        catch (Exception e) when (IsUnreachable(e, cancellationToken))
        {
            throw Unreachable("DescribeKey", keyReference, e);
        }
    }

    private Task<bool> ChangeAsync(KeyArn key, string operation, Func<IAmazonKeyManagementService, Task> call, CancellationToken cancellationToken) =>
        CallAsync(changeClients, key, operation, async kms =>
        {
            await call(kms).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    private static async Task<T> CallAsync<T>(
        KmsClientFactory factory,
        KeyArn key,
        string operation,
        Func<IAmazonKeyManagementService, Task<T>> call,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        try
        {
            return await call(factory.For(key.Region)).ConfigureAwait(false);
        }
        catch (AmazonServiceException e)
        {
            throw Wrap(operation, key.ToString(), e);
        }
        catch (Exception e) when (IsUnreachable(e, cancellationToken))
        {
            throw Unreachable(operation, key.ToString(), e);
        }
    }

    // The SDK's retries are spent and KMS in that Region was not reached (network, timeout, an unreachable endpoint):
    // an AWS failure like any other, so callers can report it per key and Region instead of crashing.
    private static bool IsUnreachable(Exception e, CancellationToken cancellationToken) =>
        e is AmazonClientException or HttpRequestException or IOException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested);

    private static AwsCallException Unreachable(string operation, string resource, Exception e) =>
        new("kms", operation, e is TaskCanceledException ? TransientErrors.RequestTimeout : TransientErrors.NetworkError, e.Message, null, null, resource, e);

    private static AwsCallException Wrap(string operation, string resource, AmazonServiceException e) =>
        new("kms", operation, e.ErrorCode ?? e.GetType().Name, e.Message, e.RequestId, (int)e.StatusCode, resource, e);

    internal static KeySnapshot ToSnapshot(KeyMetadata metadata) => new(
        KeyArn.Parse(metadata.Arn),
        Enum.TryParse<KeyState>(metadata.KeyState?.Value, out var state) ? state : KeyState.Unknown,
        metadata.KeySpec?.Value ?? "UNKNOWN",
        metadata.KeyUsage?.Value ?? "UNKNOWN",
        metadata.Origin?.Value ?? "UNKNOWN",
        metadata.KeyManager?.Value ?? "UNKNOWN",
        metadata.MultiRegion ?? false,
        metadata.MultiRegionConfiguration?.MultiRegionKeyType?.Value switch
        {
            "PRIMARY" => MultiRegionRole.Primary,
            "REPLICA" => MultiRegionRole.Replica,
            _ => MultiRegionRole.None,
        },
        metadata.DeletionDate is { } date ? new DateTimeOffset(DateTime.SpecifyKind(date, DateTimeKind.Utc)) : null);
}
