using IdcKmsGuard.Core.Configuration;

namespace IdcKmsGuard.Core.Tests.Configuration;

public sealed class ConfigurationProblemsTests
{
    [Fact]
    public void Of_AValidDocument_ShouldFindNothing() =>
        Assert.Empty(ConfigurationProblems.Of("""{ "version": 1, "rules": { "KEY-ROTATION": "alert" } }"""));

    [Fact]
    public void Of_ProblemsInSeveralArrayItems_ShouldNameEachItemAsWritten()
    {
        var problems = ConfigurationProblems.Of("""
            { "version": 1, "exemptions": { "principals": [
              { "arnPattern": "arn:aws:iam::111122223333:role/a", "until": "soon" },
              { "arnPattern": "arn:aws:iam::111122223333:role/b", "reason": "fine" },
              { "arnPattern": "not an arn" },
              { "arnPattern": "arn:aws:iam::111122223333:role/d", "until": "later" }
            ] } }
            """);

        Assert.Equal(
            ["exemptions.principals[0].until", "exemptions.principals[2].arnPattern", "exemptions.principals[3].until"],
            problems.Select(p => p.Location));
    }

    [Fact]
    public void Of_ARequiredElementWrong_ShouldNotAlsoReportItMissing()
    {
        var problems = ConfigurationProblems.Of("""{ "version": 7, "dryRun": "yes" }""");

        Assert.Equal("version", Assert.Single(problems).Location);
    }

    [Fact]
    public void Of_JsonThatDoesNotParse_ShouldReportThatOnce() =>
        Assert.Equal("document", Assert.Single(ConfigurationProblems.Of("{ \"version\": 1,")).Location);

    [Theory]
    [InlineData("dryrun", "dryRun")]
    [InlineData("KEY-ROTATON", "KEY-ROTATION")]
    [InlineData("remediat", "remediate")]
    [InlineData("principal", "principals")]
    [InlineData("somethingelse", null)]
    public void NearestName_ShouldSuggestOnlyWhatIsClose(string typed, string? expected) =>
        Assert.Equal(expected, NearestName.Of(typed, ["dryRun", "KEY-ROTATION", "KEY-ENABLED", "remediate", "alert", "off", "principals"]));
}
