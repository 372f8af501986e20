using IdcKmsGuard.Infra.Tests.Support;
using IdcKmsGuard.Infra.Tests.Support.Templates;

namespace IdcKmsGuard.Infra.Tests.Template;

/// <summary>
/// The template's Architecture parameter and the Makefile's runtime identifier agree: SAM does not pass the
/// architecture to a makefile build (aws/aws-sam-cli#3349), so the Makefile reads IDCKMSGUARD_ARCH, given the same value.
/// </summary>
public sealed class ArchitectureBuildTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly Dictionary<string, string> RuntimeIdentifiers = new(StringComparer.Ordinal)
    {
        ["x86_64"] = "linux-x64",
        ["arm64"] = "linux-arm64",
    };

    [Fact]
    public void Architecture_ShouldOfferX86AndArm64WithX86AsTheDefault()
    {
        var parameter = CloudFormationTemplate.Guard.Parameter("Architecture");

        Assert.Equal(RuntimeIdentifiers.Keys, parameter.Sequence("AllowedValues").Strings());
        Assert.Equal("x86_64", parameter.Scalar("Default"));
    }

    [Theory]
    [InlineData(null, "linux-x64")]
    [InlineData("x86_64", "linux-x64")]
    [InlineData("arm64", "linux-arm64")]
    public async Task MakeBuild_ForEachArchitecture_ShouldPublishForItsRuntimeIdentifier(string? architecture, string runtimeIdentifier)
    {
        List<string> arguments = ["-n", "build-GuardFunction", "ARTIFACTS_DIR=/tmp/idckmsguard-artifacts"];
        if (architecture is not null)
        {
            arguments.Add($"IDCKMSGUARD_ARCH={architecture}");
        }

        var result = await ProcessRunner.RunAsync("make", arguments, Timeout) ?? throw new Xunit.Sdk.XunitException("make is not installed.");

        Assert.True(result.Succeeded, result.Describe());
        Assert.Contains($"dotnet publish functions/IdcKmsGuard.Function/IdcKmsGuard.Function.csproj -c Release -r {runtimeIdentifier} ", result.StandardOutput);
    }

    [Fact]
    public async Task MakeBuild_WhenTheArchitectureIsUnknown_ShouldStopAndNameTheChoices()
    {
        var result = await ProcessRunner.RunAsync("make", ["-n", "build-GuardFunction", "IDCKMSGUARD_ARCH=aarch64"], Timeout)
            ?? throw new Xunit.Sdk.XunitException("make is not installed.");

        Assert.False(result.Succeeded);
        Assert.Contains("IDCKMSGUARD_ARCH must be x86_64 or arm64", result.StandardError, StringComparison.Ordinal);
    }
}
