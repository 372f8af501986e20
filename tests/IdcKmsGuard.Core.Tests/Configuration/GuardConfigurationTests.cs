using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Rules;

namespace IdcKmsGuard.Core.Tests.Configuration;

public sealed class GuardConfigurationTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ModeOf_WhenTheRuleIsNotNamed_ShouldBeTheCatalogDefault()
    {
        Assert.All(RuleCatalog.All, rule => Assert.Equal(rule.DefaultMode, GuardConfiguration.Defaults.ModeOf(rule.Id)));
    }

    [Fact]
    public void ModeOf_WhenTheRuleIsNamed_ShouldBeTheConfiguredMode()
    {
        var configuration = ConfigurationParser.Parse(Documents.With("\"rules\": { \"KEY-ENABLED\": \"alert\" }"));

        Assert.Equal((RuleMode.Alert, RuleMode.Remediate), (configuration.ModeOf(RuleCatalog.KeyEnabled), configuration.ModeOf("KEY-NOT-PENDING-DELETION")));
    }

    [Fact]
    public void ModeOf_WhenNoRuleHasTheId_ShouldThrow()
    {
        Assert.Throws<KeyNotFoundException>(() => GuardConfiguration.Defaults.ModeOf("NO-SUCH-RULE"));
    }

    [Theory]
    [InlineData("arn:aws:iam::111122223333:role/BreakGlassAdmin", true)]
    [InlineData("arn:aws:iam::111122223333:role/breakglassadmin", false)]
    [InlineData("arn:aws:iam::444455556666:role/BreakGlassAdmin", false)]
    [InlineData("arn:aws:iam::111122223333:role/Admin", false)]
    public void ExemptionsFor_WhenThePrincipalMatchesThePattern_ShouldReturnTheExemption(string principal, bool exempt)
    {
        var configuration = ConfigurationParser.Parse(Documents.Exemption("""{ "arnPattern": "arn:aws:iam::111122223333:role/BreakGlass*" }"""));

        Assert.Equal(exempt, configuration.ExemptionsFor(principal, Now).Any());
    }

    [Theory]
    [InlineData("2026-06-01T12:00:01Z", true)]
    [InlineData("2026-06-01T12:00:00Z", false)]
    [InlineData("2026-05-31T00:00:00Z", false)]
    public void ExemptionsFor_WhenTheExemptionHasAnEnd_ShouldApplyOnlyBeforeIt(string until, bool exempt)
    {
        var configuration = ConfigurationParser.Parse(Documents.Exemption($$"""{ "arnPattern": "arn:aws:iam::111122223333:role/Ops", "until": "{{until}}" }"""));

        Assert.Equal(exempt, configuration.ExemptionsFor("arn:aws:iam::111122223333:role/Ops", Now).Any());
    }
}
