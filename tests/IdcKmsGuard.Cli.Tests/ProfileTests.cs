using System.Text.Json;
using IdcKmsGuard.Testing;

namespace IdcKmsGuard.Cli.Tests;

/// <summary>The profile's Region and credentials honoured as the aws CLI honours them: --profile, else AWS_PROFILE; the
/// Region from --region, else AWS_REGION, else the profile. The built CLI as a process against the stand-in.</summary>
public sealed class ProfileTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Audit_WithAProfileThatNamesTheRegion_ShouldAuditThatRegionWithThoseCredentials(bool asOption)
    {
        var account = TestAccount.Create("eu-west-1");
        var seeded = account.Seed(true);
        using var config = new TempFile($"[profile guard]\nregion = {account.Region}\n");
        using var credentials = new TempFile($"[guard]\naws_access_key_id = {account.AccountId}\naws_secret_access_key = local\n");
        var environment = new Dictionary<string, string?>
        {
            ["AWS_CONFIG_FILE"] = config.Path,
            ["AWS_SHARED_CREDENTIALS_FILE"] = credentials.Path,
            ["AWS_PROFILE"] = asOption ? null : "guard",
        };
        string[] profile = asOption ? ["--profile", "guard"] : [];

        var run = await CliProcess.RunAsync(environment, ["audit", "--endpoint-url", TestAccount.Moto.Endpoint.ToString(), "--json", .. profile]);

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        using var audit = JsonDocument.Parse(run.Output);
        var instance = audit.RootElement.GetProperty("instances").EnumerateArray().Single();
        Assert.Equal((account.Region, seeded.KeyArn), (instance.GetProperty("primaryRegion").GetString(), instance.GetProperty("keyArn").GetString()));
        Assert.Equal(account.AccountId, instance.GetProperty("account").GetString());
    }

    [Fact]
    public async Task Replay_WithAProfile_ShouldReadTheEventInTheProfilesRegionWithItsCredentials()
    {
        var account = TestAccount.Create("eu-west-1");
        var seeded = account.Seed(true);
        using var config = new TempFile($"[profile guard]\nregion = {account.Region}\n");
        using var credentials = new TempFile($"[guard]\naws_access_key_id = {account.AccountId}\naws_secret_access_key = local\n");
        var record = File.ReadAllText(RepoPaths.EventFile("kms-disable-key.json"))
            .Replace("mrk-1234abcd12ab34cd56ef1234567890ab", seeded.KeyId, StringComparison.Ordinal)
            .Replace("arn:aws:sso:::instance/ssoins-1111222233334444", seeded.InstanceArn, StringComparison.Ordinal)
            .Replace("111122223333", seeded.Account, StringComparison.Ordinal)
            .Replace("us-east-1", account.Region, StringComparison.Ordinal);
        using var eventFile = new TempFile(record);
        var environment = new Dictionary<string, string?> { ["AWS_CONFIG_FILE"] = config.Path, ["AWS_SHARED_CREDENTIALS_FILE"] = credentials.Path };

        var run = await CliProcess.RunAsync(environment, "replay", eventFile.Path, "--profile", "guard", "--endpoint-url", TestAccount.Moto.Endpoint.ToString(), "--json");

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        using var entries = JsonDocument.Parse(run.Output);
        var entry = entries.RootElement.EnumerateArray().Single();
        Assert.Equal("KeyDisabled", entry.GetProperty("trigger").GetString());
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("error").ValueKind);
    }

    [Fact]
    public async Task Audit_WithAConfigurationThatIsRefused_ShouldExitWithTheBadInputCode()
    {
        using var configuration = new TempFile("""{ "version": 1, "dryRun": "no" }""");

        var run = await CliProcess.RunAsync("audit", "--region", "us-east-1", "--config", configuration.Path);

        Assert.Equal(65, run.ExitCode);
        Assert.StartsWith($"error: {configuration.Path}: ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_WithAnUnknownProfile_ShouldExitWithTheUsageCode()
    {
        using var config = new TempFile("[profile other]\nregion = us-east-1\n");

        var run = await CliProcess.RunAsync(new Dictionary<string, string?> { ["AWS_CONFIG_FILE"] = config.Path }, "audit", "--profile", "guard");

        Assert.Equal(64, run.ExitCode);
        Assert.Equal($"error: no profile 'guard' in the AWS config or credentials files.{Environment.NewLine}", run.Error);
    }
}
