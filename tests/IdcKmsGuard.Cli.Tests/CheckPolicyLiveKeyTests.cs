using System.Text.Json;
using IdcKmsGuard.Testing;

namespace IdcKmsGuard.Cli.Tests;

/// <summary>`check-policy --key-id`: the live key's policy judged for the instance that uses it, through the built CLI on the stand-in.</summary>
public sealed class CheckPolicyLiveKeyTests
{
    private const string RootOnly = """{"Version":"2012-10-17","Statement":[{"Sid":"Root","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::ACCOUNT:root"},"Action":"kms:*","Resource":"*"}]}""";

    [Fact]
    public async Task CheckPolicy_OfALiveKey_ShouldJudgeItsPolicyAsKmsHasItForTheInstanceThatUsesIt()
    {
        var account = TestAccount.Create();
        var seeded = account.Seed(multiRegion: true);

        var healthy = await Run(account, "--key-id", seeded.KeyArn, "--json");
        account.Boto3("kms", account.Region, "put_key_policy", JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["KeyId"] = seeded.KeyArn,
            ["PolicyName"] = "default",
            ["Policy"] = RootOnly.Replace("ACCOUNT", account.AccountId, StringComparison.Ordinal),
            ["BypassPolicyLockoutSafetyCheck"] = true,
        }));
        var broken = await Run(account, "--key-id", seeded.KeyArn);

        Assert.True(healthy.ExitCode == 0, healthy.Output + healthy.Error);
        Assert.True(JsonDocument.Parse(healthy.Output).RootElement.GetProperty("healthy").GetBoolean());
        Assert.Equal(2, broken.ExitCode);
        Assert.Contains("sso.amazonaws.com", broken.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckPolicy_OfAKeyNoInstanceUses_ShouldSaySoWithTheBadInputCode()
    {
        var account = TestAccount.Create();
        account.Seed(multiRegion: true);
        var other = $"arn:aws:kms:{account.Region}:{account.AccountId}:key/0b0b0b0b-1111-2222-3333-444455556666";

        var run = await Run(account, "--key-id", other);

        Assert.Equal(65, run.ExitCode);
        Assert.StartsWith($"error: no Identity Center instance in {account.Region} uses {other}", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--key-id", "alias/idc", }, "error: --key-id 'alias/idc' is not a KMS key ARN")]
    [InlineData(new[] { "--key-id", "arn:aws:kms:us-east-1:111122223333:key/k", "--policy", "p.json" }, "error: give --policy or --key-id, not both.")]
    [InlineData(new[] { "--policy", "p.json" }, "error: --account is required")]
    public async Task CheckPolicy_WithOptionsThatDoNotFit_ShouldExitWithTheUsageCode(string[] args, string expected)
    {
        var run = await CliProcess.RunAsync(["check-policy", .. args]);

        Assert.Equal(64, run.ExitCode);
        Assert.StartsWith(expected, run.Error, StringComparison.Ordinal);
    }

    private static Task<CliRun> Run(TestAccount account, params string[] args) =>
        CliProcess.RunAsync(
            new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["AWS_ACCESS_KEY_ID"] = account.AccountId,
                ["AWS_SECRET_ACCESS_KEY"] = "local",
                ["AWS_PROFILE"] = null,
            },
            ["check-policy", "--endpoint-url", TestAccount.Moto.Endpoint.ToString(), .. args]);
}

/// <summary>`check-policy --policy FILE --config FILE`: the configuration's extra requirements count for a file too.</summary>
public sealed class CheckPolicyConfigurationTests
{
    [Fact]
    public async Task CheckPolicy_WithAConfigurationThatRequiresMore_ShouldJudgeTheExtraRequirement()
    {
        using var configuration = new TempFile("""
            { "version": 1, "extraRequirements": [
              { "name": "Amazon Q Business decrypts through Identity Center", "principal": "qbusiness.amazonaws.com", "action": "kms:Decrypt",
                "context": { "kms:ViaService": "sso.us-east-1.amazonaws.com" } } ] }
            """);
        string[] check = ["check-policy", "--policy", PolicyFixtures.BaselineFile, .. PolicyFixtures.FactArgs, "--json"];

        var plain = await CliProcess.RunAsync(check);
        var withConfiguration = await CliProcess.RunAsync([.. check, "--config", configuration.Path]);

        Assert.True(plain.ExitCode == 0, plain.Output + plain.Error);
        Assert.NotEqual(0, withConfiguration.ExitCode);
        Assert.Contains("Amazon Q Business decrypts through Identity Center", withConfiguration.Output, StringComparison.Ordinal);
    }
}
