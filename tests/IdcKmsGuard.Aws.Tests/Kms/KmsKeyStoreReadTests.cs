using System.Text.Json.Nodes;
using IdcKmsGuard.Aws.Kms;
using IdcKmsGuard.Aws.Tests.Support;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Testing;

namespace IdcKmsGuard.Aws.Tests.Kms;

/// <summary>KmsKeyStore over AWSSDK.KeyManagementService against the stand-in, reached through the endpoint override.</summary>
public sealed class KmsKeyStoreReadTests(SeededAccountFixture fixture) : IClassFixture<SeededAccountFixture>, IDisposable
{
    private readonly KmsClientFactory clients = new(fixture.Account.Credentials, fixture.Account.Endpoints);

    private KeyArn SeededKey => KeyArn.Parse(fixture.Seeded.KeyArn);

    [Fact]
    public async Task DescribeKeyAsync_WhenKeyIsTheSeededOne_ShouldReturnAnEnabledMultiRegionSymmetricKey()
    {
        var snapshot = await new KmsKeyStore(clients).DescribeKeyAsync(SeededKey, CancellationToken.None);

        Assert.Equal(
            new KeySnapshot(SeededKey, KeyState.Enabled, "SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT", "AWS_KMS", "CUSTOMER", true, MultiRegionRole.Primary, null),
            snapshot);
    }

    [Fact]
    public async Task DescribeKeyAsync_WhenKeyDoesNotExist_ShouldReturnNull()
    {
        var missing = SeededKey with { KeyId = "mrk-00000000000000000000000000000000" };

        Assert.Null(await new KmsKeyStore(clients).DescribeKeyAsync(missing, CancellationToken.None));
    }

    [Fact]
    public async Task ResolveAliasAsync_WhenAliasPointsAtTheSeededKey_ShouldReturnThatKey()
    {
        var snapshot = await new KmsKeyStore(clients).ResolveAliasAsync(fixture.Account.Region, fixture.Seeded.AliasName, CancellationToken.None);

        Assert.Equal(SeededKey, snapshot?.Arn);
    }

    [Fact]
    public async Task ResolveAliasAsync_WhenAliasDoesNotExist_ShouldReturnNull()
    {
        Assert.Null(await new KmsKeyStore(clients).ResolveAliasAsync(fixture.Account.Region, "alias/no-such-alias", CancellationToken.None));
    }

    [Fact]
    public async Task GetKeyPolicyAsync_WhenKeyIsTheSeededOne_ShouldReturnTheBaselinePolicy()
    {
        var baseline = File.ReadAllText(Path.Combine(RepoPaths.LocalInfra, "policies", "key-policy-baseline-2026.json"))
            .Replace("{{IDENTITY_CENTER_ACCOUNT_ID}}", fixture.Account.AccountId, StringComparison.Ordinal)
            .Replace("{{DELEGATED_ADMIN_ACCOUNT_ID}}", "444455556666", StringComparison.Ordinal);

        var policy = await new KmsKeyStore(clients).GetKeyPolicyAsync(SeededKey, CancellationToken.None);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(baseline), JsonNode.Parse(policy)), $"The key policy is not the seeded baseline:\n{policy}");
    }

    [Fact]
    public async Task IsRotationEnabledAsync_WhenSeededWithRotationOn_ShouldReturnTrue()
    {
        Assert.True(await new KmsKeyStore(clients).IsRotationEnabledAsync(SeededKey, CancellationToken.None));
    }

    [Fact]
    public async Task IsRotationEnabledAsync_WhenRotationWasNeverEnabled_ShouldReturnFalse()
    {
        using var kms = new Amazon.KeyManagementService.AmazonKeyManagementServiceClient(fixture.Account.Credentials, new Amazon.KeyManagementService.AmazonKeyManagementServiceConfig { ServiceURL = TestAccount.Moto.Endpoint.ToString(), AuthenticationRegion = fixture.Account.Region });
        var created = await kms.CreateKeyAsync(new Amazon.KeyManagementService.Model.CreateKeyRequest { Description = "never rotated" });

        Assert.False(await new KmsKeyStore(clients).IsRotationEnabledAsync(KeyArn.Parse(created.KeyMetadata.Arn), CancellationToken.None));
    }

    public void Dispose() => clients.Dispose();
}
