using IdcKmsGuard.Core.IdentityCenter;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.Ports;

namespace IdcKmsGuard.Aws.SsoAdmin;

/// <summary>The <see cref="IIdentityCenter"/> port over SSO Admin.</summary>
public sealed class SsoAdminIdentityCenter(SsoAdminClient client) : IIdentityCenter
{
    public async Task<IReadOnlyList<IdentityCenterInstance>> DescribeInstancesAsync(CancellationToken cancellationToken)
    {
        var instances = await client.ListInstancesAsync(cancellationToken).ConfigureAwait(false);
        var described = new List<IdentityCenterInstance>(instances.Count);
        foreach (var instance in instances)
        {
            described.Add(await DescribeInstanceAsync(instance.InstanceArn, cancellationToken).ConfigureAwait(false));
        }

        return described;
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
