using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Rules;

namespace IdcKmsGuard.Core.Tests.Configuration;

public sealed class ConfigurationParserRulesTests
{
    public static TheoryData<string> EveryRuleThatMayBeOff() => [.. RuleCatalog.All.Where(rule => !RuleCatalog.AlwaysChecked.Contains(rule.Id)).Select(rule => rule.Id)];

    public static TheoryData<string> RulesThatMayNotBeOff() => [.. RuleCatalog.AlwaysChecked];

    public static TheoryData<string> RulesThatCannotRemediate() => [.. RuleCatalog.All.Where(rule => !rule.CanRemediate).Select(rule => rule.Id)];

    [Fact]
    public void Parse_WhenRulesAreNamed_ShouldKeepOnlyThoseModes()
    {
        var configuration = ConfigurationParser.Parse(Documents.With("""
            "rules": { "KEY-ROTATION": "alert", "KEY-ENABLED": "remediate", "KEY-SPEC": "off" }
            """));

        Assert.Equal(
            [("KEY-ENABLED", RuleMode.Remediate), ("KEY-ROTATION", RuleMode.Alert), ("KEY-SPEC", RuleMode.Off)],
            configuration.RuleModes.Select(m => (m.Key, m.Value)).Order());
    }

    [Theory]
    [MemberData(nameof(EveryRuleThatMayBeOff))]
    public void Parse_WhenARuleIsTurnedOff_ShouldAcceptIt(string id)
    {
        Assert.Equal(RuleMode.Off, ConfigurationParser.Parse(Documents.With($"\"rules\": {{ \"{id}\": \"off\" }}")).ModeOf(id));
    }

    // A configuration must not be an off-switch: without these, a disabled or deleted key, or a change to the guard's
    // own configuration, would pass unreported.
    [Theory]
    [MemberData(nameof(RulesThatMayNotBeOff))]
    public void Parse_WhenARuleThatGuardsSignInOrTheGuardIsTurnedOff_ShouldRefuseIt(string id)
    {
        var refusal = Documents.Refusal(Documents.With($"\"rules\": {{ \"{id}\": \"off\" }}"));

        Assert.Equal($"rules.{id}", refusal.Location);
        Assert.StartsWith("this rule cannot be off", refusal.Problem, StringComparison.Ordinal);
        Assert.Equal(RuleMode.Alert, ConfigurationParser.Parse(Documents.With($"\"rules\": {{ \"{id}\": \"alert\" }}")).ModeOf(id));
    }

    [Theory]
    [MemberData(nameof(RulesThatCannotRemediate))]
    public void Parse_WhenARuleWithoutRemediationIsSetToRemediate_ShouldRefuseIt(string id)
    {
        var refusal = Documents.Refusal(Documents.With($"\"rules\": {{ \"{id}\": \"remediate\" }}"));

        Assert.Equal(($"rules.{id}", "this rule only alerts: it has no remediation; use off or alert"), (refusal.Location, refusal.Problem));
    }

    [Fact]
    public void Parse_WhenRuleIdIsUnknown_ShouldRefuseItAndPointToRulesShow()
    {
        var refusal = Documents.Refusal(Documents.With("\"rules\": { \"KEY-ROTATION\": \"alert\", \"KEY-ROTATED\": \"alert\" }"));

        Assert.Equal(("rules.KEY-ROTATED", "unknown rule; did you mean KEY-ROTATION? (`idckmsguard rules show` lists the rules)"), (refusal.Location, refusal.Problem));
    }

    [Fact]
    public void Parse_WhenRuleIdIsInTheWrongCase_ShouldSuggestTheRightOne()
    {
        var refusal = Documents.Refusal(Documents.With("\"rules\": { \"key-rotation\": \"alert\" }"));

        Assert.Equal(("rules.key-rotation", "unknown rule; rule ids are upper case: KEY-ROTATION"), (refusal.Location, refusal.Problem));
    }

    [Theory]
    [InlineData("\"Alert\"", "'Alert' is not one of: off, alert, remediate (did you mean alert?)")]
    [InlineData("\"disabled\"", "'disabled' is not one of: off, alert, remediate")]
    [InlineData("\"\"", "must not be empty")]
    [InlineData("false", "must be a string, not a boolean")]
    [InlineData("null", "must not be null; leave the element out to use the default")]
    public void Parse_WhenModeIsNotOffAlertOrRemediate_ShouldRefuseIt(string mode, string problem)
    {
        var refusal = Documents.Refusal(Documents.With($"\"rules\": {{ \"KEY-ROTATION\": {mode} }}"));

        Assert.Equal(("rules.KEY-ROTATION", problem), (refusal.Location, refusal.Problem));
    }

    [Fact]
    public void Parse_WhenARuleIsNamedTwice_ShouldRefuseTheSecond()
    {
        var refusal = Documents.Refusal(Documents.With("\"rules\": { \"KEY-ROTATION\": \"off\", \"KEY-ROTATION\": \"remediate\" }"));

        Assert.Equal(("rules.KEY-ROTATION", "appears more than once"), (refusal.Location, refusal.Problem));
    }

    [Fact]
    public void Parse_WhenRulesIsAList_ShouldRefuseIt()
    {
        var refusal = Documents.Refusal(Documents.With("\"rules\": [\"KEY-ROTATION\"]"));

        Assert.Equal(("rules", "must be an object, not an array"), (refusal.Location, refusal.Problem));
    }
}
