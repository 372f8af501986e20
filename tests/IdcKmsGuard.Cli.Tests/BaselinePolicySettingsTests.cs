using IdcKmsGuard.Cli.Commands;

namespace IdcKmsGuard.Cli.Tests;

public sealed class BaselinePolicySettingsTests
{
    [Theory]
    [InlineData(PolicyFixtures.InstanceArn, null)]
    [InlineData(null, PolicyFixtures.IdentityStoreArn)]
    public void Validate_WhenOnlyOneOfInstanceAndIdentityStoreIsGiven_ShouldAskForBothWithTheUsageCode(string? instanceArn, string? identityStoreArn)
    {
        var validation = Settings(instanceArn, identityStoreArn).Validate();

        Assert.Equal(["give --instance-arn and --identity-store-arn together."], validation.Problems);
        Assert.Equal(ExitCodes.Usage, validation.ExitCode);
    }

    [Theory]
    [InlineData(PolicyFixtures.InstanceArn, PolicyFixtures.IdentityStoreArn)]
    [InlineData(null, null)]
    public void Validate_WhenBothOrNeitherAreGiven_ShouldPass(string? instanceArn, string? identityStoreArn)
    {
        Assert.True(Settings(instanceArn, identityStoreArn).Validate().IsValid);
    }

    private static BaselinePolicySettings Settings(string? instanceArn, string? identityStoreArn) =>
        new(PolicyFixtures.Account, null, [], instanceArn, identityStoreArn);
}
