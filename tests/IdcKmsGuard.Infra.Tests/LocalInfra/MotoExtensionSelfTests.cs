using System.Text.RegularExpressions;
using IdcKmsGuard.Infra.Tests.Support;

namespace IdcKmsGuard.Infra.Tests.LocalInfra;

/// <summary>The Python self-tests of the local stand-in, the Lambda emulator and the release script run with `dotnet test`,
/// so a broken stand-in fails here, not in every test that uses it.</summary>
public sealed partial class MotoExtensionSelfTests
{
    [Theory]
    [InlineData("infra/local/test_moto_extension.py")]
    [InlineData("infra/local/test_lambda_emulator.py")]
    [InlineData("infra/local/test_cloudtrail_standin.py")]
    [InlineData("infra/local/test_tripwires.py")]
    [InlineData("infra/local/test_deployed_stack.py")]
    [InlineData("infra/local/test_routing_recipes.py")]
    [InlineData("infra/local/test_securityhub_standin.py")]
    [InlineData("infra/release/test_release.py")]
    public async Task SelfTest_WhenRunWithUnittest_ShouldPass(string script)
    {
        var result = await ProcessRunner.RunAsync("python3", ["-m", "unittest", script], TimeSpan.FromSeconds(120))
            ?? throw new Xunit.Sdk.XunitException("python3 is not on PATH; the local stand-in needs Python 3 with moto (pip install \"moto[server]\").");

        Assert.True(result.Succeeded, result.Describe());
        var ran = RanTests().Match(result.StandardError);
        Assert.True(ran.Success && int.Parse(ran.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 0, "unittest ran no tests.\n" + result.Describe());
    }

    [GeneratedRegex(@"^Ran (\d+) tests? in", RegexOptions.Multiline)]
    private static partial Regex RanTests();
}
