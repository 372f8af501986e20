using IdcKmsGuard.Core.Errors;
using IdcKmsGuard.Core.IdentityCenter;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.Ports;

namespace IdcKmsGuard.Aws.SsoAdmin;

/// <summary>The <see cref="IIdentityCenter"/> port over SSO Admin.</summary>
/// <param name="keepInstanceList">How long a warm process reuses ListInstances' answer (null: never). Only which
/// instances exist is kept, never what they are: every instance is described afresh each time. An empty list is never
/// kept (a new instance is seen at once), and a kept instance that is gone makes the list be read again.</param>
public sealed class SsoAdminIdentityCenter(SsoAdminClient client, TimeProvider? time = null, TimeSpan? keepInstanceList = null) : IIdentityCenter
{
    private KeptInstanceList? kept;

    public async Task<IReadOnlyList<IdentityCenterInstance>> DescribeInstancesAsync(CancellationToken cancellationToken)
    {
        if (kept is { } list && time is not null && list.Until > time.GetUtcNow())
        {
            try
            {
                return await DescribeAllAsync(list.Arns, cancellationToken).ConfigureAwait(false);
            }
            catch (AwsCallException e) when (e.ErrorCode == "ResourceNotFoundException")
            {
                kept = null;
            }
        }

        var arns = (await client.ListInstancesAsync(cancellationToken).ConfigureAwait(false)).Select(i => i.InstanceArn).ToList();
        if (arns.Count > 0 && time is not null && keepInstanceList is { } keep)
        {
            kept = new KeptInstanceList(arns, time.GetUtcNow() + keep);
        }

        return await DescribeAllAsync(arns, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IdentityCenterInstance> DescribeInstanceAsync(string instanceArn, CancellationToken cancellationToken)
    {
        var response = await client.DescribeInstanceAsync(instanceArn, cancellationToken).ConfigureAwait(false);
        return new IdentityCenterInstance(
            response.InstanceArn,
            response.IdentityStoreId ?? string.Empty,
            response.OwnerAccountId ?? string.Empty,
            response.Name,
            response.Status ?? "UNKNOWN",
            response.PrimaryRegion ?? client.Region,
            ToEncryption(response.EncryptionConfigurationDetails))
        {
            Regions = [.. (response.Regions ?? []).Select(r => new IdentityCenterRegion(
                r.RegionName, r.Status ?? "ACTIVE", r.IsPrimaryRegion ?? r.RegionName == response.PrimaryRegion))],
        };
    }

    public Task SwitchToCustomerManagedKeyAsync(string instanceArn, KeyArn key, CancellationToken cancellationToken) =>
        client.UpdateInstanceAsync(
            new UpdateInstanceRequest(instanceArn, EncryptionConfiguration: new EncryptionConfiguration("CUSTOMER_MANAGED_KEY", key.ToString())),
            cancellationToken);

    public Task SwitchToAwsOwnedKeyAsync(string instanceArn, CancellationToken cancellationToken) =>
        client.UpdateInstanceAsync(
            new UpdateInstanceRequest(instanceArn, EncryptionConfiguration: new EncryptionConfiguration("AWS_OWNED_KMS_KEY")),
            cancellationToken);

    // Several instances (rare) are described at once: one round trip, not one per instance.
    private async Task<IReadOnlyList<IdentityCenterInstance>> DescribeAllAsync(IReadOnlyList<string> arns, CancellationToken cancellationToken) =>
        arns.Count == 1
            ? [await DescribeInstanceAsync(arns[0], cancellationToken).ConfigureAwait(false)]
            : await Task.WhenAll(arns.Select(arn => DescribeInstanceAsync(arn, cancellationToken))).ConfigureAwait(false);

    private sealed record KeptInstanceList(IReadOnlyList<string> Arns, DateTimeOffset Until);

    internal static Core.IdentityCenter.EncryptionConfiguration ToEncryption(EncryptionConfigurationDetails? details)
    {
        // Instances that never set a key report no details: Identity Center then uses an AWS owned key.
        if (details is null)
        {
            return Core.IdentityCenter.EncryptionConfiguration.AwsOwned;
        }

        var keyType = details.KeyType switch
        {
            "AWS_OWNED_KMS_KEY" => EncryptionKeyType.AwsOwnedKmsKey,
            "CUSTOMER_MANAGED_KEY" => EncryptionKeyType.CustomerManagedKey,
            _ => EncryptionKeyType.Unknown,
        };
        var status = EncryptionStatusNames.Parse(details.EncryptionStatus);
        var keyArn = KeyArn.TryParse(details.KmsKeyArn, out var parsed) ? parsed : null;
        return new Core.IdentityCenter.EncryptionConfiguration(keyType, keyArn, status, details.EncryptionStatusReason);
    }
}
