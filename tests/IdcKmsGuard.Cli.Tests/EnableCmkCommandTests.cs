using System.Text.Json;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using IdcKmsGuard.Aws.Credentials;
using IdcKmsGuard.Core.Policy.Repair;
using IdcKmsGuard.Testing;

namespace IdcKmsGuard.Cli.Tests;

/// <summary>`enable-cmk` on a seeded two-Region stand-in: the preflight refuses unsafe keys, a safe one is switched to.</summary>
public sealed class EnableCmkCommandTests
{
    private const string ReplicaRegion = "eu-west-1";

    [Fact]
    public async Task EnableCmk_WhenTheKeyPolicyLacksIdentityCenterAccess_ShouldRefuseWithTheFindingsAndChangeNothing()
    {
        var (account, seeded) = Seed();
        var unsafeKey = await CreateKeyAsync(account, RootOnly(account), replicate: true);

        var run = EnableCmk(account, "--key-arn", unsafeKey, "--yes");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("BLOCKS   CRITICAL KEY-POLICY-HEALTHY", run.Output, StringComparison.Ordinal);
        Assert.Contains("Refused:", run.Output, StringComparison.Ordinal);
        Assert.Equal(seeded.KeyArn, InstanceKey(account, seeded));
    }

    [Fact]
    public async Task EnableCmk_WhenAnIdentityCenterRegionHasNoReplica_ShouldRefuse()
    {
        var (account, seeded) = Seed();
        var primaryOnly = await CreateKeyAsync(account, Baseline(account), replicate: false);

        var run = EnableCmk(account, "--key-arn", primaryOnly, "--yes");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"BLOCKS   CRITICAL KEY-REPLICA", run.Output, StringComparison.Ordinal);
        Assert.Matches($@"{ReplicaRegion}\s+replica\s+MISSING", run.Output);
        Assert.Equal(seeded.KeyArn, InstanceKey(account, seeded));
    }

    [Fact]
    public async Task EnableCmk_WhenTheKeyIsSafe_ShouldSwitchAndShowProgressUntilEnabled()
    {
        var (account, seeded) = Seed();
        var safeKey = await CreateKeyAsync(account, Baseline(account), replicate: true);
        await account.SetUpdatingReadsAsync(2);

        var plan = EnableCmk(account, "--key-arn", safeKey);
        var run = EnableCmk(account, "--key-arn", safeKey, "--yes", "--poll-seconds", "1");

        Assert.Equal(0, plan.ExitCode);
        Assert.Contains("Preflight passed. Nothing was changed", plan.Output, StringComparison.Ordinal);
        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        Assert.Matches(@"\d+ s  UPDATING", run.Output);
        Assert.Matches(@"\d+ s  ENABLED", run.Output);
        Assert.Contains($"Done: Identity Center encrypts with customer managed key {safeKey} (ENABLED)", run.Output, StringComparison.Ordinal);
        Assert.Equal(safeKey, InstanceKey(account, seeded));
    }

    [Fact]
    public void EnableCmk_WhenSwitchingBackToAnAwsOwnedKey_ShouldSwitchWithYes()
    {
        var (account, seeded) = Seed();

        var run = EnableCmk(account, "--aws-owned", "--yes", "--poll-seconds", "1");

        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        Assert.Contains("Done: Identity Center encrypts with an AWS owned key (ENABLED)", run.Output, StringComparison.Ordinal);
        Assert.Null(InstanceKey(account, seeded));
    }

    [Theory]
    [InlineData("--aws-owned", "--key-arn", "arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab")]
    [InlineData("--yes")]
    [InlineData("--key-arn", "alias/idc-identity")]
    public void EnableCmk_WhenTheTargetIsNotOneFullKeyArnOrAwsOwned_ShouldExitWithUsage(params string[] args)
    {
        var run = CliRun.With(new CliServices(() => new SdkCredentialSource(), _ => null), ["enable-cmk", "--region", "us-east-1", .. args]);

        Assert.Equal(64, run.ExitCode);
        Assert.StartsWith("error:", run.Error, StringComparison.Ordinal);
    }

    private static (TestAccount Account, SeededAccount Seeded) Seed()
    {
        var account = TestAccount.Create();
        return (account, account.Seed(true, ReplicaRegion));
    }

    private static string Baseline(TestAccount account) => BaselinePolicy.Generate(new BaselineOptions(account.AccountId, null, [], null, null));

    private static string RootOnly(TestAccount account) =>
        $$"""{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{account.AccountId}}:root"},"Action":"kms:*","Resource":"*"}]}""";

    private static async Task<string> CreateKeyAsync(TestAccount account, string policy, bool replicate)
    {
        using var kms = new AmazonKeyManagementServiceClient(account.Credentials, new AmazonKeyManagementServiceConfig { ServiceURL = TestAccount.Moto.Endpoint.ToString(), AuthenticationRegion = account.Region });
        var key = (await kms.CreateKeyAsync(new CreateKeyRequest { Policy = policy, MultiRegion = true, Description = "next Identity Center key" })).KeyMetadata;
        await kms.EnableKeyRotationAsync(new EnableKeyRotationRequest { KeyId = key.KeyId });
        if (replicate)
        {
            await kms.ReplicateKeyAsync(new ReplicateKeyRequest { KeyId = key.KeyId, ReplicaRegion = ReplicaRegion, Policy = policy });
        }

        return key.Arn;
    }

    private static string? InstanceKey(TestAccount account, SeededAccount seeded)
    {
        using var described = JsonDocument.Parse(account.Boto3("sso-admin", account.Region, "describe_instance", JsonSerializer.Serialize(new Dictionary<string, string> { ["InstanceArn"] = seeded.InstanceArn })));
        return described.RootElement.TryGetProperty("EncryptionConfigurationDetails", out var details) && details.TryGetProperty("KmsKeyArn", out var arn) ? arn.GetString() : null;
    }

    private static CliRun EnableCmk(TestAccount account, params string[] extra) =>
        CliRun.With(
            new CliServices(() => new SdkCredentialSource(account.Credentials), name => account.ProcessEnvironment().GetValueOrDefault(name)),
            ["enable-cmk", "--endpoint-url", TestAccount.Moto.Endpoint.ToString(), "--region", account.Region, .. extra]);
}
