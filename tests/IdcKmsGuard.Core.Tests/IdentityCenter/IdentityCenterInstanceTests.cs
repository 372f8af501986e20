using IdcKmsGuard.Core.IdentityCenter;

namespace IdcKmsGuard.Core.Tests.IdentityCenter;

public sealed class IdentityCenterInstanceTests
{
    // A repair conditioned on arn:aws:... in aws-cn or aws-us-gov never matches Identity Center's requests, and would
    // verify itself as fixed against the same wrong ARN.
    [Theory]
    [InlineData("arn:aws:sso:::instance/ssoins-1111222233334444", "arn:aws:identitystore::111122223333:identitystore/d-1234567890")]
    [InlineData("arn:aws-cn:sso:::instance/ssoins-1111222233334444", "arn:aws-cn:identitystore::111122223333:identitystore/d-1234567890")]
    [InlineData("arn:aws-us-gov:sso:::instance/ssoins-1111222233334444", "arn:aws-us-gov:identitystore::111122223333:identitystore/d-1234567890")]
    [InlineData("ssoins-1111222233334444", "arn:aws:identitystore::111122223333:identitystore/d-1234567890")]
    public void IdentityStoreArn_ShouldBeInTheInstancesPartition(string instanceArn, string expected)
    {
        var instance = new IdentityCenterInstance(instanceArn, "d-1234567890", "111122223333", null, "ACTIVE", "us-east-1", EncryptionConfiguration.AwsOwned);

        Assert.Equal(expected, instance.IdentityStoreArn);
    }
}
