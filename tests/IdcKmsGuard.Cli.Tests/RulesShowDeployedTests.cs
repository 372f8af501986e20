using System.Text.Json;
using IdcKmsGuard.Testing;

namespace IdcKmsGuard.Cli.Tests;

/// <summary>`rules show --config-parameter`: the configuration the deployed guard runs on, through the built CLI.</summary>
public sealed class RulesShowDeployedTests
{
    [Fact]
    public async Task RulesShow_WithTheDeployedParameter_ShouldShowWhatTheGuardRunsOn()
    {
        var account = TestAccount.Create();
        account.Boto3("ssm", account.Region, "put_parameter", JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["Name"] = "/idckmsguard/guard/configuration",
            ["Value"] = """{"version": 1, "dryRun": true, "rules": {"KEY-ROTATION": "off"}}""",
            ["Type"] = "String",
        }));
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["AWS_ACCESS_KEY_ID"] = account.AccountId,
            ["AWS_SECRET_ACCESS_KEY"] = "local",
            ["AWS_REGION"] = account.Region,
            ["AWS_PROFILE"] = null,
        };
        string[] at = ["--endpoint-url", TestAccount.Moto.Endpoint.ToString()];

        var deployed = await CliProcess.RunAsync(environment, ["rules", "show", "--json", "--config-parameter", "/idckmsguard/guard/configuration", .. at]);
        var missing = await CliProcess.RunAsync(environment, ["rules", "show", "--config-parameter", "/idckmsguard/none", .. at]);
        var both = await CliProcess.RunAsync(environment, ["rules", "show", "--config-parameter", "/idckmsguard/none", "--config", "guard.json", .. at]);

        Assert.True(deployed.ExitCode == 0, deployed.Error);
        using var shown = JsonDocument.Parse(deployed.Output);
        Assert.True(shown.RootElement.GetProperty("dryRun").GetBoolean());
        Assert.Equal("off", shown.RootElement.GetProperty("rules").GetProperty("KEY-ROTATION").GetString());
        Assert.Equal(65, missing.ExitCode);
        Assert.StartsWith("error: no SSM parameter /idckmsguard/none", missing.Error, StringComparison.Ordinal);
        Assert.Equal(64, both.ExitCode);
    }

    [Fact]
    public async Task RulesShow_WithAFileOnly_ShouldNeedNoRegion()
    {
        var run = await CliProcess.RunAsync(
            new Dictionary<string, string?>(StringComparer.Ordinal) { ["AWS_REGION"] = null, ["AWS_DEFAULT_REGION"] = null },
            "rules", "show", "--config", Path.Combine(RepoPaths.Root, "infra", "config", "guard-config.example.json"));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("guard-config.example.json", run.Output, StringComparison.Ordinal);
    }
}
