using System.Text.Json;
using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Rules;
using IdcKmsGuard.Testing;

namespace IdcKmsGuard.Cli.Tests;

public sealed class RulesShowCommandTests
{
    private static string Example => Path.Combine(RepoPaths.Root, "infra", "config", "guard-config.example.json");

    [Fact]
    public void RulesShow_WhenNoConfigIsGiven_ShouldListEveryRuleInItsDefaultMode()
    {
        var run = CliRun.Of("rules", "show");

        Assert.Equal(0, run.ExitCode);
        var lines = run.Output.Split('\n');
        Assert.Equal("Configuration: defaults (no --config given)", lines[0]);
        foreach (var rule in RuleCatalog.All)
        {
            var mode = ConfigurationNames.Of(rule.DefaultMode);
            Assert.Contains(lines, line => line.StartsWith(rule.Id + " ", StringComparison.Ordinal)
                && line.Contains($" {mode} ", StringComparison.Ordinal) && line.EndsWith(rule.Title, StringComparison.Ordinal));
        }

        Assert.Contains("repeat alert window           60 minutes", run.Output, StringComparison.Ordinal);
        Assert.Contains("principal exemptions          none", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void RulesShow_WhenAConfigIsGiven_ShouldShowItsModesBesideTheDefaults()
    {
        var run = CliRun.Of("rules", "show", "--config", Example);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(
            "KEY-ROTATION              medium    alert      remediate  yes         Automatic rotation is enabled on the key",
            run.Output,
            StringComparison.Ordinal);
        Assert.Contains("principal exemptions          arn:aws:iam::111122223333:role/BreakGlass* (break-glass access, reviewed after every use)", run.Output, StringComparison.Ordinal);
        Assert.Contains(
            "                              arn:aws:sts::111122223333:assumed-role/KeyMaintenance/change-4711 until 2026-12-31T00:00:00Z (planned key maintenance, change 4711)",
            run.Output,
            StringComparison.Ordinal);
    }

    [Fact]
    public void RulesShow_WhenJsonIsRequested_ShouldPrintAValidDocumentNamingEveryRule()
    {
        var run = CliRun.Of("rules", "show", "--config", Example, "--json");

        Assert.Equal(0, run.ExitCode);
        using var document = JsonDocument.Parse(run.Output);
        Assert.Equal(RuleCatalog.All.Select(r => r.Id), document.RootElement.GetProperty("rules").EnumerateObject().Select(p => p.Name));
        Assert.Equal("alert", document.RootElement.GetProperty("rules").GetProperty("KEY-ROTATION").GetString());
        Assert.Equal("off", document.RootElement.GetProperty("rules").GetProperty("IDC-CONTEXT-SCOPE").GetString());
        var reparsed = ConfigurationParser.Parse(run.Output);
        Assert.Equal(2, reparsed.ExtraRequirements.Count);
    }

    [Fact]
    public void RulesShow_WhenJsonIsRequestedWithoutConfig_ShouldPrintTheDefaultsDocument()
    {
        var run = CliRun.Of("rules", "show", "--json");

        using var document = JsonDocument.Parse(run.Output);
        Assert.Equal(60, document.RootElement.GetProperty("repeatAlertWindowMinutes").GetInt32());
        Assert.Equal("remediate", document.RootElement.GetProperty("rules").GetProperty("KEY-ENABLED").GetString());
    }

    [Fact]
    public void RulesShow_WhenTheConfigIsInvalid_ShouldExitWithTheBadInputCodeAndPrintNothingOnStandardOutput()
    {
        using var file = new TempFile("""{ "version": 1, "dryRun": "no" }""");

        var run = CliRun.Of("rules", "show", "--config", file.Path, "--json");

        Assert.Equal(65, run.ExitCode);
        Assert.Empty(run.Output);
        Assert.Equal($"error: {file.Path}: dryRun: must be true or false{Environment.NewLine}", run.Error);
    }
}
