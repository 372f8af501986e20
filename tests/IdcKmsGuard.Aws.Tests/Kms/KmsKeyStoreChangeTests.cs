using Amazon.KeyManagementService.Model;
using IdcKmsGuard.Aws.Kms;
using IdcKmsGuard.Core.Errors;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Testing;

namespace IdcKmsGuard.Aws.Tests.Kms;

/// <summary>Each test changes the key, so each seeds an account of its own.</summary>
public sealed class KmsKeyStoreChangeTests : IDisposable
{
    private readonly TestAccount account = TestAccount.Create();
    private readonly KmsClientFactory clients;
    private readonly KmsKeyStore store;
    private readonly KeyArn key;

    public KmsKeyStoreChangeTests()
    {
        key = KeyArn.Parse(account.Seed().KeyArn);
        clients = new KmsClientFactory(account.Credentials, account.Endpoints);
        store = new KmsKeyStore(clients);
    }

    [Fact]
    public async Task EnableKeyAsync_WhenKeyWasDisabled_ShouldLeaveItEnabled()
    {
        await clients.For(key.Region).DisableKeyAsync(new DisableKeyRequest { KeyId = key.ToString() });
        Assert.Equal(KeyState.Disabled, (await store.DescribeKeyAsync(key, CancellationToken.None))?.State);

        await store.EnableKeyAsync(key, CancellationToken.None);

        Assert.Equal(KeyState.Enabled, (await store.DescribeKeyAsync(key, CancellationToken.None))?.State);
    }

    [Fact]
    public async Task PutKeyPolicyAsync_WhenGivenAPolicy_ShouldBeWhatGetKeyPolicyReturns()
    {
        var policy = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{account.AccountId}}:root"},"Action":"kms:*","Resource":"*"}]}""";

        await store.PutKeyPolicyAsync(key, policy, CancellationToken.None);

        Assert.Equal(policy, await store.GetKeyPolicyAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task CancelKeyDeletionAsync_WhenDeletionWasScheduled_ShouldLeaveTheKeyDisabled()
    {
        await clients.For(key.Region).ScheduleKeyDeletionAsync(new ScheduleKeyDeletionRequest { KeyId = key.ToString(), PendingWindowInDays = 7 });
        var pending = await store.DescribeKeyAsync(key, CancellationToken.None);
        Assert.Equal(KeyState.PendingDeletion, pending?.State);
        Assert.InRange(pending!.DeletionDate!.Value, TimeProvider.System.GetUtcNow().AddDays(6.9), TimeProvider.System.GetUtcNow().AddDays(7.1));

        await store.CancelKeyDeletionAsync(key, CancellationToken.None);

        // KMS leaves a key whose deletion was cancelled Disabled; the stand-in does the same.
        var cancelled = await store.DescribeKeyAsync(key, CancellationToken.None);
        Assert.Equal((KeyState.Disabled, null), (cancelled?.State, cancelled?.DeletionDate));
    }

    [Fact]
    public async Task IsRotationEnabledAsync_WhenRotationWasEnabled_ShouldReturnTrue()
    {
        await clients.For(key.Region).EnableKeyRotationAsync(new EnableKeyRotationRequest { KeyId = key.ToString() });

        Assert.True(await store.IsRotationEnabledAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task GetKeyPolicyAsync_WhenKeyDoesNotExist_ShouldThrowAwsCallExceptionNamingTheKey()
    {
        var missing = key with { KeyId = "mrk-00000000000000000000000000000000" };

        var error = await Assert.ThrowsAsync<AwsCallException>(() => store.GetKeyPolicyAsync(missing, CancellationToken.None));

        Assert.Equal(("kms", "GetKeyPolicy", "NotFoundException"), (error.Service, error.Operation, error.ErrorCode));
        Assert.Equal(missing.ToString(), error.Resource);
        Assert.Equal(400, error.HttpStatus);
    }

    public void Dispose() => clients.Dispose();
}
