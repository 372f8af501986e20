using IdcKmsGuard.Infra.Tests.Support;
using IdcKmsGuard.Infra.Tests.Support.Templates;
using IdcKmsGuard.Testing;

namespace IdcKmsGuard.Infra.Tests.Template;

public sealed class CfnLintTests
{
    private const string InstallHint =
        "cfn-lint is not installed or not on PATH. Install it with `pip install cfn-lint` (CI uses 1.51.0); it validates SAM templates offline.";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    /// <summary>template.yaml and every other CloudFormation template under infra/, except the local stand-in's files.</summary>
    public static IReadOnlyList<string> Templates()
    {
        var infra = Path.Combine(RepoPaths.Root, "infra");
        var others = Directory.Exists(infra)
            ? Directory.EnumerateFiles(infra, "*.*", SearchOption.AllDirectories)
                .Where(path => path.EndsWith(".yaml", StringComparison.Ordinal) || path.EndsWith(".yml", StringComparison.Ordinal))
                .Where(path => !IsUnder(path, RepoPaths.LocalInfra))
                .Where(path => CloudFormationTemplate.TryLoad(path) is not null)
            : [];
        return [Path.Combine(RepoPaths.Root, "template.yaml"), .. others.Order(StringComparer.Ordinal)];
    }

    private static bool IsUnder(string path, string directory) =>
        !Path.GetRelativePath(directory, path).StartsWith("..", StringComparison.Ordinal);

    [Fact]
    public async Task CfnLint_WhenRunOnTheTemplates_ShouldExitZeroWithoutFindings()
    {
        var templates = Templates().Select(path => Path.GetRelativePath(RepoPaths.Root, path)).ToList();

        var result = await ProcessRunner.RunAsync("cfn-lint", templates, Timeout) ?? throw new Xunit.Sdk.XunitException(InstallHint);

        Assert.True(result.Succeeded, result.Describe());
        Assert.True(result.StandardOutput.Length == 0 && result.StandardError.Length == 0, "cfn-lint printed findings:\n" + result.Describe());
    }

    // Without this, a cfn-lint that silently checks nothing (wrong file, transform not applied) would pass the test above.
    [Fact]
    public async Task CfnLint_WhenTemplateIsInvalid_ShouldReportIt()
    {
        var broken = Path.Combine(Path.GetTempPath(), $"idckmsguard-broken-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(broken, """
            AWSTemplateFormatVersion: "2010-09-09"
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Function:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: bootstrap
                  Runtime: provided.al2023
                  CodeUri: .
                  MemorySize: not-a-number
            """);
        try
        {
            var result = await ProcessRunner.RunAsync("cfn-lint", [broken], Timeout) ?? throw new Xunit.Sdk.XunitException(InstallHint);

            Assert.False(result.Succeeded, "cfn-lint accepted a template with MemorySize: not-a-number.\n" + result.Describe());
            Assert.Contains("'not-a-number'", result.StandardOutput, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(broken);
        }
    }
}
