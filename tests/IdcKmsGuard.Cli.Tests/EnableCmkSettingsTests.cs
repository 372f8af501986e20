using IdcKmsGuard.Cli.Commands;
using IdcKmsGuard.Cli.Switching;

namespace IdcKmsGuard.Cli.Tests;

public sealed class EnableCmkSettingsTests
{
    private const string Key = "arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab";

    [Theory]
    [InlineData(Key, false)]
    [InlineData(null, true)]
    public void Validate_WhenOneTargetIsGivenAndTheWatchIsInRange_ShouldPass(string? keyArn, bool awsOwned)
    {
        var validation = Settings(keyArn, awsOwned).Validate();

        Assert.True(validation.IsValid, string.Join("; ", validation.Problems));
        Assert.Equal(awsOwned ? null : Key, Settings(keyArn, awsOwned).Target?.ToString());
    }

    [Theory]
    [InlineData(Key, true)]
    [InlineData(null, false)]
    public void Validate_WhenBothOrNeitherTargetIsGiven_ShouldAskForExactlyOneAsAUsageError(string? keyArn, bool awsOwned)
    {
        var validation = Settings(keyArn, awsOwned).Validate();

        Assert.Equal(["give either --key-arn ARN or --aws-owned."], validation.Problems);
        Assert.Equal(ExitCodes.Usage, validation.ExitCode);
    }

    [Theory]
    [InlineData("alias/idc-identity")]
    [InlineData("mrk-1234abcd12ab34cd56ef1234567890ab")]
    public void Validate_WhenTheKeyIsNotAFullKeyArn_ShouldSayUpdateInstanceTakesNoAliasOrKeyId(string keyArn)
    {
        var validation = Settings(keyArn, false).Validate();

        Assert.Equal(
            [$"'{keyArn}' is not a key ARN (arn:aws:kms:<region>:<account>:key/<id>); UpdateInstance takes no alias or key id."],
            validation.Problems);
        Assert.Equal(ExitCodes.Usage, validation.ExitCode);
    }

    [Theory]
    [InlineData(0, 15)]
    [InlineData(61, 15)]
    [InlineData(5, 0)]
    [InlineData(5, 121)]
    public void Validate_WhenPollingOrWaitingIsOutOfRange_ShouldGiveBothRanges(int pollSeconds, int waitMinutes)
    {
        var validation = (Settings(Key, false) with { PollSeconds = pollSeconds, WaitMinutes = waitMinutes }).Validate();

        Assert.Equal(["--poll-seconds must be 1 to 60 and --wait-minutes 1 to 120."], validation.Problems);
        Assert.Equal(ExitCodes.Usage, validation.ExitCode);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(60, 120)]
    public void Validate_WhenPollingAndWaitingAreAtTheirLimits_ShouldPass(int pollSeconds, int waitMinutes)
    {
        Assert.True((Settings(Key, false) with { PollSeconds = pollSeconds, WaitMinutes = waitMinutes }).Validate().IsValid);
    }

    private static EnableCmkSettings Settings(string? keyArn, bool awsOwned) =>
        new(new AwsCallSettings("us-east-1", null, null, null, null, null, []), keyArn, awsOwned, Yes: false, InstanceArn: null, PollSeconds: 5, WaitMinutes: 15);
}
