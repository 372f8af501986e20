using Amazon.KeyManagementService.Model;
using IdcKmsGuard.Aws.Kms;
using IdcKmsGuard.Aws.SsoAdmin;
using IdcKmsGuard.Core.Errors;
using IdcKmsGuard.Testing;

namespace IdcKmsGuard.Aws.Tests.SsoAdmin;

/// <summary>Each test changes the instance, so each seeds an account of its own.</summary>
public sealed class SsoAdminClientUpdateTests
{
    private readonly TestAccount account = TestAccount.Create();
    private readonly SeededAccount seeded;
    private readonly SsoAdminClient client;

    public SsoAdminClientUpdateTests()
    {
        seeded = account.Seed();
        client = new SsoAdminClient(account.HttpClient(), account.Region);
    }

    [Fact]
    public async Task UpdateInstanceAsync_WhenSwitchingToAwsOwnedKey_ShouldDescribeAwsOwnedEnabled()
    {
        await client.UpdateInstanceAsync(new UpdateInstanceRequest(seeded.InstanceArn, EncryptionConfiguration: new EncryptionConfiguration("AWS_OWNED_KMS_KEY")), CancellationToken.None);

        var response = await client.DescribeInstanceAsync(seeded.InstanceArn, CancellationToken.None);
        Assert.Equal(new EncryptionConfigurationDetails("AWS_OWNED_KMS_KEY", null, "ENABLED", null), response.EncryptionConfigurationDetails);
    }

    [Fact]
    public async Task UpdateInstanceAsync_WhenNewKeyIsDisabled_ShouldDescribeUpdateFailedOnThePreviousKey()
    {
        using var kms = new KmsClientFactory(account.Credentials, account.Endpoints);
        var disabled = (await kms.For(account.Region).CreateKeyAsync(new CreateKeyRequest { Description = "disabled" })).KeyMetadata.Arn;
        await kms.For(account.Region).DisableKeyAsync(new DisableKeyRequest { KeyId = disabled });

        await client.UpdateInstanceAsync(new UpdateInstanceRequest(seeded.InstanceArn, EncryptionConfiguration: new EncryptionConfiguration("CUSTOMER_MANAGED_KEY", disabled)), CancellationToken.None);

        var details = (await client.DescribeInstanceAsync(seeded.InstanceArn, CancellationToken.None)).EncryptionConfigurationDetails;
        Assert.NotNull(details);
        Assert.Equal(("CUSTOMER_MANAGED_KEY", seeded.KeyArn, "UPDATE_FAILED"), (details.KeyType, details.KmsKeyArn, details.EncryptionStatus));
        Assert.StartsWith("KMS_DisabledException:", details.EncryptionStatusReason, StringComparison.Ordinal);
        Assert.Contains(disabled, details.EncryptionStatusReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateInstanceAsync_WhenAwsOwnedKeyNamesAKey_ShouldThrowValidationException()
    {
        var request = new UpdateInstanceRequest(seeded.InstanceArn, EncryptionConfiguration: new EncryptionConfiguration("AWS_OWNED_KMS_KEY", seeded.KeyArn));

        var error = await Assert.ThrowsAsync<AwsCallException>(() => client.UpdateInstanceAsync(request, CancellationToken.None));

        Assert.Equal(("UpdateInstance", "ValidationException", 400), (error.Operation, error.ErrorCode, error.HttpStatus));
        Assert.Contains("KmsKeyArn must not be specified", error.ErrorMessage, StringComparison.Ordinal);
    }
}
