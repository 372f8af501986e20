namespace IdcKmsGuard.Cli.Tests;

/// <summary>check-policy and repair-policy on input they cannot read: exit 1, one error line naming the file, no output.</summary>
public sealed class PolicyInputErrorTests
{
    private static readonly Dictionary<string, (Func<string?> Content, string Expected)> Inputs = new(StringComparer.Ordinal)
    {
        ["missing file"] = (() => null, "Could not find file"),
        ["invalid JSON"] = (() => """{"Version": "2012-10-17", "Statement": [""", "Policy: is not valid JSON"),
        ["over 32 KB"] = (PolicyFixtures.BaselineOver32Kb, "KMS accepts at most 32,768 bytes"),
        ["IAM policy without Principal"] = (() => File.ReadAllText(PolicyFixtures.IamPolicyFile), "Statement[0].Principal: Principal is required"),
    };

    public static TheoryData<string, string> CommandsAndInputs()
    {
        var data = new TheoryData<string, string>();
        foreach (var command in new[] { "check-policy", "repair-policy" })
        {
            foreach (var input in Inputs.Keys)
            {
                data.Add(command, input);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CommandsAndInputs))]
    public void PolicyCommand_WhenPolicyIsUnreadable_ShouldExitWithTheBadInputCodeOneLineErrorAndNoOutput(string command, string input)
    {
        var (content, expected) = Inputs[input];
        var text = content();
        using var file = new TempFile(text ?? string.Empty);
        var path = text is null ? file.Path + ".missing" : file.Path;

        var run = PolicyFixtures.Run(command, path, "--json");

        Assert.Equal(65, run.ExitCode);
        Assert.Empty(run.Output);
        Assert.StartsWith($"error: {path}: ", run.Error, StringComparison.Ordinal);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
    }

    [Theory]
    [InlineData("check-policy", "--account")]
    [InlineData("check-policy", "--instance-arn")]
    [InlineData("repair-policy", "--identity-store-arn")]
    [InlineData("repair-policy", "--policy")]
    public void PolicyCommand_WhenRequiredOptionIsMissing_ShouldFailAndNameIt(string command, string missing)
    {
        string[] args = [command, "--policy", PolicyFixtures.BaselineFile, .. PolicyFixtures.FactArgs];
        var index = Array.IndexOf(args, missing);

        var run = CliRun.Of([.. args[..index], .. args[(index + 2)..]]);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains($"error: {missing} is required", run.Error, StringComparison.Ordinal);
    }
}
