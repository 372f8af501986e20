using System.Diagnostics;
using IdcKmsGuard.Cli.Doctor;
using IdcKmsGuard.Testing;

namespace IdcKmsGuard.Cli.Tests;

/// <summary>
/// `doctor` against a guard deployed in the stand-in (infra/local/test_doctor.py): the built CLI run as a process, every
/// check passing on a healthy deployment and failing after the one move that breaks it.
/// </summary>
public sealed class DoctorOnStandInTests
{
    [Fact]
    public async Task Doctor_OnTheStandIn_ShouldPassHealthyAndFailEachBrokenCheck()
    {
        var start = new ProcessStartInfo("python3", ["-m", "unittest", "infra/local/test_doctor.py"])
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["IDCKMSGUARD_CLI"] = $"dotnet \"{typeof(CliApp).Assembly.Location}\"";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(deadline.Token);

        var report = await error;
        Assert.True(process.ExitCode == 0, $"test_doctor.py failed:\n{await output}\n{report}");
        Assert.Matches(@"Ran (1\d|[2-9]\d) tests", report);
    }

    [Fact]
    public void DeployedRules_ShouldBeTheRulesTheTemplateNamesAfterTheStack()
    {
        var template = File.ReadAllText(Path.Combine(RepoPaths.Root, "template.yaml"));
        foreach (var rule in DeployedRules.ToFunction.Concat(DeployedRules.ToRefusalQueue))
        {
            Assert.Matches($@"(RuleName|Name): !Sub \$\{{AWS::StackName\}}-{rule.Suffix}\n", template);
        }

        var refusalRule = template[template.IndexOf("Name: !Sub ${AWS::StackName}-KeyUseFailures", StringComparison.Ordinal)..];
        Assert.Contains($"State: {DeployedRules.ToRefusalQueue.Single().States.Single()}", refusalRule[..600], StringComparison.Ordinal);
    }
}
