using IdcKmsGuard.Testing;

namespace IdcKmsGuard.Cli.Tests;

public sealed class RulesValidateCommandTests
{
    private static string Example => Path.Combine(RepoPaths.Root, "infra", "config", "guard-config.example.json");

    [Fact]
    public void RulesValidate_WhenThePublishedExample_ShouldExitZeroWithAOneLineSummary()
    {
        var run = CliRun.Of("rules", "validate", Example);

        Assert.Equal(0, run.ExitCode);

        // The example's maintenance exemption ends 2026-12-31: from then on, validating it says so.
        var ended = TimeProvider.System.GetUtcNow() >= new DateTimeOffset(2026, 12, 31, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(ended ? [$"warning: {Example}: exemptions.principals[1]: ended 2026-12-31 00:00 UTC; it exempts nothing now: remove it."] : [],
            run.Error.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(
            $"{Example}: valid; 3 of 21 rules set, 2 principal exemptions, 1 approved key, 2 extra requirements, dry run off.{Environment.NewLine}",
            run.Output);
    }

    [Fact]
    public void RulesValidate_WhenOnlyTheVersion_ShouldSayNothingIsSet()
    {
        using var file = new TempFile("""{ "version": 1, "dryRun": true }""");

        var run = CliRun.Of("rules", "validate", file.Path);

        Assert.Equal(0, run.ExitCode);
        Assert.EndsWith("valid; 0 of 21 rules set, 0 principal exemptions, 0 approved keys, 0 extra requirements, dry run on.", run.Output.TrimEnd(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "version": 1, "rules": { "KEY-ROTATION": "sometimes" } }""", "rules.KEY-ROTATION: 'sometimes' is not one of: off, alert, remediate")]
    [InlineData("""{ "version": 1, "rules": { "KEY-SPEC": "remediate" } }""", "rules.KEY-SPEC: this rule only alerts: it has no remediation; use off or alert")]
    [InlineData("""{ "version": 1, "exemptions": { "principals": [ { "arnPattern": "arn:aws:iam::111122223333:root" }, { "arnPattern": "arn:aws:iam::111122223333:root", "until": "tomorrow" } ] } }""", "exemptions.principals[1].until: 'tomorrow' is not an ISO 8601 time with an offset, such as 2026-12-31T00:00:00Z")]
    [InlineData("""{ "rules": {} }""", "version: is required; write \"version\": 1")]
    [InlineData("{ \"version\": 1,", "document: is not valid JSON at line 1, position 15: Expected start of a property name or value, but instead reached end of data.")]
    public void RulesValidate_WhenTheDocumentIsRefused_ShouldExitWithTheBadInputCodeFileLocationAndProblem(string json, string expected)
    {
        using var file = new TempFile(json);

        var run = CliRun.Of("rules", "validate", file.Path);

        Assert.Equal(65, run.ExitCode);
        Assert.Empty(run.Output);
        Assert.Equal($"error: {file.Path}: {expected}{Environment.NewLine}{file.Path}: 1 problem; the guard would refuse it.{Environment.NewLine}", run.Error);
    }

    [Fact]
    public async Task RulesValidate_WhenTheDocumentHasSeveralProblems_ShouldNameEveryOneWhereItIsWrittenWithASuggestion()
    {
        using var file = new TempFile("""
            {
              "version": 1,
              "dryrun": true,
              "rules": { "KEY-ROTATON": "alert", "KEY-POLICY-SAFE": "remediat" },
              "exemptions": { "principals": [
                { "arnPattern": "arn:aws:iam::111122223333:role/a", "until": "tomorrow", "reason": "a" },
                { "arnPattern": "arn:aws:iam::111122223333:role/b", "until": "2027-01-01T00:00:00Z", "reason": "b" },
                { "arnPattern": "arn:aws:iam::111122223333:role/c", "untill": "2027-01-01T00:00:00Z", "reason": "c" }
              ] }
            }
            """);

        var run = await CliProcess.RunAsync("rules", "validate", file.Path);

        Assert.Equal(65, run.ExitCode);
        Assert.Equal(
            [
                $"error: {file.Path}: dryrun: unknown element (did you mean dryRun?); expected one of: $schema, version, dryRun, rules, exemptions, "
                    + "approvedKeys, requireCustomerManagedKey, repairStrategy, repeatAlertWindowMinutes, sweepRepeatAfter, narrowBlockingDenies, "
                    + "chatbotNotifications, extraRequirements",
                $"error: {file.Path}: exemptions.principals[0].until: 'tomorrow' is not an ISO 8601 time with an offset, such as 2026-12-31T00:00:00Z",
                $"error: {file.Path}: exemptions.principals[2].untill: unknown element (did you mean until?); expected one of: arnPattern, until, reason",
                $"error: {file.Path}: rules.KEY-ROTATON: unknown rule; did you mean KEY-ROTATION? (`idckmsguard rules show` lists the rules)",
                $"error: {file.Path}: rules.KEY-POLICY-SAFE: 'remediat' is not one of: off, alert, remediate (did you mean remediate?)",
                $"{file.Path}: 5 problems; the guard would refuse it.",
            ],
            run.Error.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void RulesValidate_WhenSettingsLeaveIdentityCenterLessProtected_ShouldWarnOfEachAndStillAcceptTheDocument()
    {
        using var file = new TempFile("""
            {
              "version": 1,
              "dryRun": true,
              "rules": { "KEY-POLICY-HEALTHY": "off", "KEY-ROTATION": "off" },
              "exemptions": { "principals": [
                { "arnPattern": "arn:aws:iam::111122223333:role/Ops*" },
                { "arnPattern": "arn:aws:iam::111122223333:role/Change-1", "until": "2020-01-01T00:00:00Z", "reason": "old change" },
                { "arnPattern": "arn:aws:iam::111122223333:role/BreakGlass", "reason": "break-glass, reviewed after every use" }
              ] },
              "requireCustomerManagedKey": false
            }
            """);

        var run = CliRun.Of("rules", "validate", file.Path);

        Assert.Equal(0, run.ExitCode);
        string[] expected =
        [
            "rules.KEY-POLICY-HEALTHY: off: the guard neither reports nor repairs a critical violation",
            "dryRun: true: the guard changes nothing",
            "exemptions.principals[0]: 'arn:aws:iam::111122223333:role/Ops*' is exempt for ever and no reason says why",
            "exemptions.principals[1]: ended 2020-01-01 00:00 UTC",
            "requireCustomerManagedKey: false",
        ];
        var warnings = run.Error.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expected.Length, warnings.Length);
        Assert.All(expected.Zip(warnings), pair => Assert.StartsWith($"warning: {file.Path}: {pair.First}", pair.Second, StringComparison.Ordinal));
    }

    [Fact]
    public void RulesValidate_WhenTheFileIsMissing_ShouldExitWithTheBadInputCode()
    {
        var run = CliRun.Of("rules", "validate", "/nonexistent/guard-config.json");

        Assert.Equal(65, run.ExitCode);
        Assert.StartsWith("error: /nonexistent/guard-config.json: ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void RulesValidate_WhenTheDocumentIsOverAStandardParameter_ShouldWarnButPass()
    {
        var exemptions = string.Join(", ", Enumerable.Repeat($$"""{ "arnPattern": "arn:aws:iam::111122223333:root", "reason": "{{new string('r', 200)}}" }""", 20));
        using var file = new TempFile($$"""{ "version": 1, "exemptions": { "principals": [ {{exemptions}} ] } }""");

        var run = CliRun.Of("rules", "validate", file.Path);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("is more than a standard SSM parameter holds (4096); use the advanced tier.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void RulesValidate_WhenNoFileIsGiven_ShouldBeAUsageError()
    {
        Assert.Equal(64, CliRun.Of("rules", "validate").ExitCode);
    }

    [Fact]
    public void Rules_WhenNoSubcommandIsGiven_ShouldBeAUsageError()
    {
        var run = CliRun.Of("rules");

        Assert.Equal(64, run.ExitCode);
        Assert.Empty(run.Output);
    }
}
