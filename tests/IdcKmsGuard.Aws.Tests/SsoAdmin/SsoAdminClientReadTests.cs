using IdcKmsGuard.Aws.SsoAdmin;
using IdcKmsGuard.Aws.Tests.Support;
using IdcKmsGuard.Core.Errors;

namespace IdcKmsGuard.Aws.Tests.SsoAdmin;

/// <summary>SsoAdminClient over HTTP against the stand-in, reached only through the AWS_ENDPOINT_URL override.</summary>
public sealed class SsoAdminClientReadTests(SeededAccountFixture fixture) : IClassFixture<SeededAccountFixture>
{
    private readonly SsoAdminClient client = new(fixture.Account.HttpClient(), fixture.Account.Region);

    [Fact]
    public async Task ListInstancesAsync_WhenAccountIsSeeded_ShouldReturnItsInstance()
    {
        var instances = await client.ListInstancesAsync(CancellationToken.None);

        var instance = Assert.Single(instances);
        Assert.Equal(fixture.Seeded.InstanceArn, instance.InstanceArn);
        Assert.Equal(fixture.Seeded.IdentityStoreId, instance.IdentityStoreId);
        Assert.Equal(fixture.Account.AccountId, instance.OwnerAccountId);
        Assert.Equal("us-east-1", instance.PrimaryRegion);
    }

    [Fact]
    public async Task DescribeInstanceAsync_WhenInstanceUsesTheSeededKey_ShouldReportTheCustomerManagedKeyEnabled()
    {
        var response = await client.DescribeInstanceAsync(fixture.Seeded.InstanceArn, CancellationToken.None);

        Assert.Equal(fixture.Seeded.InstanceArn, response.InstanceArn);
        Assert.Equal("ACTIVE", response.Status);
        Assert.Equal(
            new EncryptionConfigurationDetails("CUSTOMER_MANAGED_KEY", fixture.Seeded.KeyArn, "ENABLED", null),
            response.EncryptionConfigurationDetails);
    }

    [Fact]
    public async Task ListRegionsAsync_WhenInstanceIsInOneRegion_ShouldReturnThePrimaryRegion()
    {
        var regions = await client.ListRegionsAsync(fixture.Seeded.InstanceArn, CancellationToken.None);

        var region = Assert.Single(regions);
        Assert.Equal(("us-east-1", "ACTIVE", true), (region.RegionName, region.Status, region.IsPrimaryRegion));
        Assert.NotNull(region.AddedDate);
    }

    [Fact]
    public async Task DescribeInstanceAsync_WhenInstanceIsUnknown_ShouldThrowResourceNotFound()
    {
        const string Unknown = "arn:aws:sso:::instance/ssoins-0000000000000000";

        var error = await Assert.ThrowsAsync<AwsCallException>(() => client.DescribeInstanceAsync(Unknown, CancellationToken.None));

        Assert.Equal(("sso", "DescribeInstance", "ResourceNotFoundException"), (error.Service, error.Operation, error.ErrorCode));
        Assert.Equal($"Instance {Unknown} does not exist.", error.ErrorMessage);
        Assert.Equal(400, error.HttpStatus);
        Assert.Equal(Unknown, error.Resource);
        Assert.False(string.IsNullOrEmpty(error.RequestId));
    }
}
