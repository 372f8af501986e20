using System.Text.Json;
using IdcKmsGuard.Aws.Credentials;
using IdcKmsGuard.Testing;

namespace IdcKmsGuard.Cli.Tests;

/// <summary>`audit` against a seeded two-Region stand-in: the key in us-east-1, its replica in eu-west-1.</summary>
public sealed class AuditCommandTests
{
    private const string ReplicaRegion = "eu-west-1";
    private const string RootOnly = """{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::ACCOUNT:root"},"Action":"kms:*","Resource":"*"}]}""";

    [Fact]
    public void Audit_WhenKeyAndReplicaAreHealthy_ShouldPrintTheTableAndExitZero()
    {
        var (account, seeded) = Seed();

        var run = Audit(account);

        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        Assert.Contains($"Regions: us-east-1 (primary), {ReplicaRegion}", run.Output, StringComparison.Ordinal);
        Assert.Matches($@"us-east-1\s+primary\s+Enabled\s+on\s+healthy\s+{seeded.KeyArn}", run.Output);
        Assert.Matches($@"{ReplicaRegion}\s+replica\s+Enabled\s+-\s+healthy\s+{seeded.ReplicaKeyArns![0]}", run.Output);
        Assert.Contains("Verdict: HEALTHY", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Audit_WhenTheReplicaPolicyIsBrokenInTheSecondRegion_ShouldNameItAndExitTwo()
    {
        var (account, seeded) = Seed();
        account.Boto3("kms", ReplicaRegion, "put_key_policy", JsonSerializer.Serialize(new Dictionary<string, string> { ["KeyId"] = seeded.ReplicaKeyArns![0], ["PolicyName"] = "default", ["Policy"] = RootOnly.Replace("ACCOUNT", seeded.Account, StringComparison.Ordinal) }));

        var run = Audit(account);

        Assert.Equal(2, run.ExitCode);
        Assert.Matches($@"{ReplicaRegion}\s+replica\s+Enabled\s+-\s+BROKEN", run.Output);
        Assert.Contains($"CRITICAL KEY-POLICY-HEALTHY       Replica in {ReplicaRegion}: IDC-KEY-ACCESS: sso.amazonaws.com", run.Output, StringComparison.Ordinal);
        Assert.Contains("What to do:", run.Output, StringComparison.Ordinal);
        Assert.Contains("Verdict: UNHEALTHY", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Audit_WhenARegionWasAddedWithoutAReplica_ShouldReportKeyReplicaInJson()
    {
        var (account, seeded) = Seed();
        account.Boto3("sso-admin", account.Region, "add_region", JsonSerializer.Serialize(new Dictionary<string, string> { ["InstanceArn"] = seeded.InstanceArn, ["RegionName"] = "ap-southeast-2" }));

        var run = Audit(account, "--json");

        Assert.Equal(2, run.ExitCode);
        using var document = JsonDocument.Parse(run.Output);
        Assert.Equal("unhealthy", document.RootElement.GetProperty("verdict").GetString());
        var instance = document.RootElement.GetProperty("instances")[0];
        var missing = instance.GetProperty("keys").EnumerateArray().Single(k => k.GetProperty("region").GetString() == "ap-southeast-2");
        Assert.Equal(JsonValueKind.Null, missing.GetProperty("state").ValueKind);
        Assert.Equal(("KEY-REPLICA", "critical"), (missing.GetProperty("findings")[0].GetProperty("rule").GetString(), missing.GetProperty("findings")[0].GetProperty("severity").GetString()));
    }

    [Fact]
    public void Audit_WhenExplaining_ShouldShowEachRequestsDecisionPerRegion()
    {
        var (account, _) = Seed();

        var run = Audit(account, "--explain");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"Policy evaluation for arn:aws:kms:{ReplicaRegion}:", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"Allowed\s+kms:Decrypt", run.Output);
    }

    [Fact]
    public void Audit_WhenRotationIsOffAndOnlyCriticalFails_ShouldReportMediumAndExitOneBelowTheThreshold()
    {
        var (account, seeded) = Seed();
        account.Boto3("kms", account.Region, "disable_key_rotation", JsonSerializer.Serialize(new Dictionary<string, string> { ["KeyId"] = seeded.KeyArn }));

        var lenient = Audit(account);
        var strict = Audit(account, "--fail-on", "medium");

        Assert.Equal(1, lenient.ExitCode);
        Assert.Contains("MEDIUM   KEY-ROTATION", lenient.Output, StringComparison.Ordinal);
        Assert.Equal(2, strict.ExitCode);
    }

    [Fact]
    public void Audit_WithTheDeployedConfigurationParameter_ShouldJudgeAsTheGuardIsConfigured()
    {
        var (account, seeded) = Seed();
        account.Boto3("kms", account.Region, "disable_key_rotation", JsonSerializer.Serialize(new Dictionary<string, string> { ["KeyId"] = seeded.KeyArn }));
        account.Boto3("ssm", account.Region, "put_parameter", JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["Name"] = "/idckmsguard/guard/configuration",
            ["Value"] = """{"version": 1, "rules": {"KEY-ROTATION": "off"}}""",
            ["Type"] = "String",
            ["Overwrite"] = true,
        }));

        var deployed = Audit(account, "--config-parameter", "/idckmsguard/guard/configuration");
        var missing = Audit(account, "--config-parameter", "/idckmsguard/other/configuration");
        var both = Audit(account, "--config-parameter", "/idckmsguard/guard/configuration", "--config", "guard.json");

        Assert.True(deployed.ExitCode == 0, deployed.Output + deployed.Error);
        Assert.DoesNotContain("KEY-ROTATION", deployed.Output, StringComparison.Ordinal);
        Assert.Equal(65, missing.ExitCode);
        Assert.StartsWith("error: no SSM parameter /idckmsguard/other/configuration", missing.Error, StringComparison.Ordinal);
        Assert.Equal(64, both.ExitCode);
    }

    [Fact]
    public void Audit_WithoutARegion_ShouldExitWithTheUsageCodeAndAClearError()
    {
        var run = CliRun.With(new CliServices(() => new SdkCredentialSource(), _ => null), "audit");

        Assert.Equal(64, run.ExitCode);
        Assert.Contains("no Region", run.Error, StringComparison.Ordinal);
    }

    private static (TestAccount Account, SeededAccount Seeded) Seed()
    {
        var account = TestAccount.Create();
        var seeded = account.Seed(true, ReplicaRegion);
        return (account, seeded);
    }

    private static CliRun Audit(TestAccount account, params string[] extra) =>
        CliRun.With(
            new CliServices(() => new SdkCredentialSource(account.Credentials), name => account.ProcessEnvironment().GetValueOrDefault(name)),
            ["audit", "--endpoint-url", TestAccount.Moto.Endpoint.ToString(), "--region", account.Region, .. extra]);
}
