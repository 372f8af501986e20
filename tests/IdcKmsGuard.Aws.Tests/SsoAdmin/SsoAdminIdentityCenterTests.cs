using IdcKmsGuard.Aws.SsoAdmin;
using IdcKmsGuard.Aws.Tests.Support;
using IdcKmsGuard.Core.IdentityCenter;
using IdcKmsGuard.Core.Keys;
using CoreEncryption = IdcKmsGuard.Core.IdentityCenter.EncryptionConfiguration;

namespace IdcKmsGuard.Aws.Tests.SsoAdmin;

public sealed class SsoAdminIdentityCenterTests(SeededAccountFixture fixture) : IClassFixture<SeededAccountFixture>
{
    [Fact]
    public async Task DescribeInstancesAsync_WhenAccountIsSeeded_ShouldMapTheInstanceToTheCoreModel()
    {
        var identityCenter = new SsoAdminIdentityCenter(new SsoAdminClient(fixture.Account.HttpClient(), fixture.Account.Region));

        var instances = await identityCenter.DescribeInstancesAsync(CancellationToken.None);

        var instance = Assert.Single(instances);
        Assert.Equal(fixture.Seeded.InstanceArn, instance.InstanceArn);
        Assert.Equal(fixture.Seeded.IdentityStoreArn, instance.IdentityStoreArn);
        Assert.Equal(("ACTIVE", "us-east-1"), (instance.Status, instance.PrimaryRegion));
        Assert.Equal(
            new CoreEncryption(EncryptionKeyType.CustomerManagedKey, KeyArn.Parse(fixture.Seeded.KeyArn), EncryptionStatus.Enabled, null),
            instance.Encryption);
        Assert.True(instance.Encryption.UsesCustomerManagedKey);
    }

    [Fact]
    public void ToEncryption_WhenServiceReportsNoDetails_ShouldMeanAnAwsOwnedKey()
    {
        Assert.Equal(CoreEncryption.AwsOwned, SsoAdminIdentityCenter.ToEncryption(null));
    }

    [Fact]
    public void ToEncryption_WhenValuesAreNewerThanThisCode_ShouldMapToUnknown()
    {
        var encryption = SsoAdminIdentityCenter.ToEncryption(new EncryptionConfigurationDetails("EXTERNAL_KEY", "not-an-arn", "MIGRATING", "why"));

        Assert.Equal(new CoreEncryption(EncryptionKeyType.Unknown, null, EncryptionStatus.Unknown, "why"), encryption);
    }
}
