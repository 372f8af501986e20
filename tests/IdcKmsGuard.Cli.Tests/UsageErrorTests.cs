namespace IdcKmsGuard.Cli.Tests;

/// <summary>Usage errors are the CLI's own one-liners naming the option, never the parser's layout (built CLI, as a process).</summary>
public sealed class UsageErrorTests
{
    [Theory]
    [InlineData(new[] { "audit", "--fail-on", "extreme" }, "error: --fail-on: 'extreme' is not one of: critical, high, medium, low")]
    [InlineData(new[] { "doctor", "--stack" }, "error: --stack needs a value")]
    [InlineData(new[] { "inspect-event" }, "error: inspect-event needs an argument (see idckmsguard inspect-event --help)")]
    [InlineData(new[] { "baseline-policy" }, "error: --account is required")]
    [InlineData(new[] { "rules", "show", "--frobnicate" }, "error: Unrecognized command or argument '--frobnicate'.")]
    public async Task UsageError_ShouldBeOneLinePerProblemWithTheUsageExitCode(string[] args, string expected)
    {
        var run = await CliProcess.RunAsync(args);

        Assert.Equal(64, run.ExitCode);
        var lines = run.Error.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expected, lines[0]);
        Assert.DoesNotContain(lines, line => line.StartsWith('\t') || line.StartsWith("  ", StringComparison.Ordinal));
        Assert.Equal("Run 'idckmsguard --help' or 'idckmsguard <command> --help' for usage.", lines[^1]);
    }
}
