using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Rules;

namespace IdcKmsGuard.Core.Tests.Rules;

public sealed class HeadlinesTests
{
    public static TheoryData<string> RuleIds => [.. RuleCatalog.All.Select(rule => rule.Id)];

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void For_WhenTheRuleIsInTheCatalog_ShouldSayWhatHappenedInItsOwnWords(string ruleId)
    {
        var finding = new Finding(ruleId, RuleCatalog.Get(ruleId).Severity, "found");

        var headlines = new[] { AlertOutcome.Alerted, AlertOutcome.Failed }
            .Select(outcome => Headlines.For(finding, outcome))
            .Append(Headlines.For(finding with { Resolved = true }, AlertOutcome.Fixed))
            .ToList();

        Assert.All(headlines, headline => Assert.NotEqual(Headlines.Fallback, headline));
        Assert.All(headlines, headline => Assert.InRange(headline.Length, 20, 120));
    }

    [Fact]
    public void For_WhenARuleIsUnknown_ShouldFallBackToTheGeneralHeadline()
    {
        var headline = Headlines.For(new Finding("NO-SUCH-RULE", Severity.High, "found"), AlertOutcome.Alerted);

        Assert.Equal(Headlines.Fallback, headline);
    }
}
