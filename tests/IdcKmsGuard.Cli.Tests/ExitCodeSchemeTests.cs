using IdcKmsGuard.Testing;

namespace IdcKmsGuard.Cli.Tests;

/// <summary>
/// One row of the exit-code table (infra/docs/cli.md, `--help`) per test, each through the built CLI as a process:
/// 0 healthy, 1 findings below the threshold, 2 one at or above it, 64 usage, 65 bad input, 69 AWS unavailable.
/// </summary>
public sealed class ExitCodeSchemeTests
{
    private static readonly string TemplateWithPlaceholders = Path.Combine(RepoPaths.Root, "infra", "local", "policies", "key-policy-baseline-2026.json");

    [Fact]
    public async Task Zero_WhenThePolicyIsHealthy()
    {
        var run = await CliProcess.RunAsync(["check-policy", "--policy", PolicyFixtures.BaselineFile, .. PolicyFixtures.FactArgs]);

        Assert.True(run.ExitCode == 0, run.Error);
    }

    [Fact]
    public async Task One_WhenTheOnlyFindingsAreBelowTheThreshold()
    {
        using var policy = new TempFile(PolicyFixtures.BaselineWithUseKey(statement => statement["Condition"]!.AsObject().Remove("StringEquals")));

        var run = await CliProcess.RunAsync(["check-policy", "--policy", policy.Path, "--json", .. PolicyFixtures.FactArgs]);

        Assert.True(run.ExitCode == 1, run.Output + run.Error);
        Assert.Contains("\"severity\":", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("\"severity\":\"critical\"", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_WhenAFindingReachesTheThreshold()
    {
        using var policy = new TempFile(PolicyFixtures.BaselineWithoutUseKey());

        var run = await CliProcess.RunAsync(["check-policy", "--policy", policy.Path, .. PolicyFixtures.FactArgs]);

        Assert.Equal(2, run.ExitCode);
    }

    [Theory]
    [InlineData("--account", "1234", "--account '1234' is not a 12-digit account id.")]
    [InlineData("--account", "{{IDENTITY_CENTER_ACCOUNT_ID}}", "--account '{{IDENTITY_CENTER_ACCOUNT_ID}}' is a placeholder")]
    [InlineData("--instance-arn", "<instance-arn>", "--instance-arn '<instance-arn>' is a placeholder")]
    [InlineData("--instance-arn", "arn:aws:sso:::instance/ssoins-123", "--instance-arn 'arn:aws:sso:::instance/ssoins-123' is not an Identity Center instance ARN")]
    [InlineData(
        "--identity-store-arn",
        "arn:aws:identitystore::999999999999:identitystore/d-1234567890",
        "--identity-store-arn 'arn:aws:identitystore::999999999999:identitystore/d-1234567890' belongs to account 999999999999, not --account 111122223333.")]
    [InlineData("--org-id", "org-1", "--org-id 'org-1' is not an organization id")]
    [InlineData("--key-arn", "alias/idc", "--key-arn 'alias/idc' is not a KMS key ARN")]
    public async Task SixtyFour_WhenAnOptionValueIsNotWhatTheOptionTakes(string option, string value, string message)
    {
        var args = PolicyFixtures.FactArgs.ToList();
        var at = args.IndexOf(option);
        if (at >= 0)
        {
            args[at + 1] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }

        var run = await CliProcess.RunAsync(["check-policy", "--policy", PolicyFixtures.BaselineFile, .. args]);

        Assert.Equal(64, run.ExitCode);
        Assert.Empty(run.Output);
        Assert.Contains($"error: {message}", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SixtyFour_WhenAnOptionIsUnknown()
    {
        var run = await CliProcess.RunAsync("audit", "--regoin", "us-east-1");

        Assert.Equal(64, run.ExitCode);
        Assert.StartsWith("error: ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SixtyFive_WhenThePolicyStillHasTheTemplatesPlaceholders()
    {
        var run = await CliProcess.RunAsync(["check-policy", "--policy", TemplateWithPlaceholders, .. PolicyFixtures.FactArgs]);

        Assert.Equal(65, run.ExitCode);
        Assert.Contains("the policy still has the placeholder {{", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task SixtyFive_WhenTheEventIsNotJson()
    {
        using var file = new TempFile("{ not an event");

        var run = await CliProcess.RunAsync("inspect-event", file.Path);

        Assert.Equal(65, run.ExitCode);
    }

    [Fact]
    public async Task SixtyNine_WhenAwsDoesNotAnswer()
    {
        var environment = new Dictionary<string, string?> { ["AWS_ACCESS_KEY_ID"] = "111122223333", ["AWS_SECRET_ACCESS_KEY"] = "x" };

        var run = await CliProcess.RunAsync(environment, "audit", "--region", "us-east-1", "--endpoint-url", "http://127.0.0.1:9");

        Assert.True(run.ExitCode == 69, run.Output + run.Error);
        Assert.StartsWith("error: the audit could not finish", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SixtyFour_WhenNeitherOptionNorEnvironmentNorProfileNamesARegion()
    {
        var run = await CliProcess.RunAsync("audit");

        Assert.Equal(64, run.ExitCode);
        Assert.Contains("no Region", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ShouldListTheExitCodes()
    {
        var run = await CliProcess.RunAsync("--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Exit codes: 0 healthy or done; 1 findings below the threshold; 2 a finding at or above it", run.Output, StringComparison.Ordinal);
    }
}
