using System.Text.Json;
using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Rules;

namespace IdcKmsGuard.Core.Tests.Configuration;

/// <summary>The schema is written by hand; these tests fail when the catalog or the parser moves without it.</summary>
public sealed class ConfigurationSchemaCatalogTests
{
    private static JsonElement Properties => GuardConfigSchema.Document.RootElement.GetProperty("properties");

    private static JsonElement Rules => Properties.GetProperty("rules");

    [Fact]
    public void Schema_WhenRuleIdsAreListed_ShouldEqualTheCatalog()
    {
        Assert.Equal(
            RuleCatalog.All.Select(rule => rule.Id),
            Rules.GetProperty("propertyNames").GetProperty("enum").EnumerateArray().Select(id => id.GetString()));
        Assert.Equal(
            RuleCatalog.All.Select(rule => rule.Id),
            Rules.GetProperty("properties").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Schema_WhenARuleIsDescribed_ShouldOfferRemediateExactlyWhenTheRuleCanRemediateAndOffWhenItMayBeOff()
    {
        foreach (var rule in RuleCatalog.All)
        {
            var reference = Rules.GetProperty("properties").GetProperty(rule.Id).GetProperty("$ref").GetString();
            var expected = (rule.CanRemediate, RuleCatalog.AlwaysChecked.Contains(rule.Id)) switch
            {
                (true, false) => "#/$defs/mode",
                (true, true) => "#/$defs/atLeastAlertMode",
                (false, false) => "#/$defs/alertOnlyMode",
                (false, true) => "#/$defs/alertMode",
            };
            Assert.Equal(expected, reference);
        }
    }

    [Fact]
    public void Schema_WhenARuleIsDescribed_ShouldGiveTheCatalogDefaultAndTitle()
    {
        foreach (var rule in RuleCatalog.All)
        {
            var described = Rules.GetProperty("properties").GetProperty(rule.Id);
            Assert.Equal(ConfigurationNames.Of(rule.DefaultMode), described.GetProperty("default").GetString());
            Assert.StartsWith(rule.Title, described.GetProperty("description").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Schema_WhenModesAndStrategiesAreListed_ShouldEqualTheParsers()
    {
        var defs = GuardConfigSchema.Document.RootElement.GetProperty("$defs");

        Assert.Equal(ConfigurationNames.Modes, defs.GetProperty("mode").GetProperty("enum").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(ConfigurationNames.RepairStrategies, Properties.GetProperty("repairStrategy").GetProperty("enum").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public void Schema_WhenDefaultsAreGiven_ShouldEqualGuardConfigurationDefaults()
    {
        var defaults = GuardConfiguration.Defaults;

        Assert.Equal(defaults.DryRun, Properties.GetProperty("dryRun").GetProperty("default").GetBoolean());
        Assert.Equal(defaults.RequireCustomerManagedKey, Properties.GetProperty("requireCustomerManagedKey").GetProperty("default").GetBoolean());
        Assert.Equal(defaults.NarrowBlockingDenies, Properties.GetProperty("narrowBlockingDenies").GetProperty("default").GetBoolean());
        Assert.Equal(defaults.ChatbotNotifications, Properties.GetProperty("chatbotNotifications").GetProperty("default").GetBoolean());
        Assert.Equal(ConfigurationNames.Of(defaults.RepairStrategy), Properties.GetProperty("repairStrategy").GetProperty("default").GetString());
        Assert.Equal(defaults.SweepRepeatAfter, Properties.GetProperty("sweepRepeatAfter").GetProperty("default").GetInt32());
        Assert.Equal(ConfigurationLimits.MaxSweepRepeatAfter, Properties.GetProperty("sweepRepeatAfter").GetProperty("maximum").GetInt32());
        Assert.Equal(defaults.RepeatAlertWindow.TotalMinutes, Properties.GetProperty("repeatAlertWindowMinutes").GetProperty("default").GetInt32());
        Assert.Equal(defaults.SuspendTagKey, Properties.GetProperty("exemptions").GetProperty("properties").GetProperty("suspendTagKey").GetProperty("default").GetString());
    }

    [Fact]
    public void Schema_WhenPatternsAreGiven_ShouldBeTheParsersCharacterForCharacter()
    {
        var exemption = Properties.GetProperty("exemptions").GetProperty("properties").GetProperty("principals").GetProperty("items").GetProperty("properties");
        var requirement = Properties.GetProperty("extraRequirements").GetProperty("items").GetProperty("properties");

        Assert.Equal(ConfigurationPatterns.PrincipalArnPattern, Pattern(exemption.GetProperty("arnPattern")));
        Assert.Equal(ConfigurationPatterns.Timestamp, Pattern(exemption.GetProperty("until")));
        Assert.Equal(ConfigurationPatterns.TagKey, Pattern(Properties.GetProperty("exemptions").GetProperty("properties").GetProperty("suspendTagKey")));
        Assert.Equal(ConfigurationPatterns.KeyArn, Pattern(Properties.GetProperty("approvedKeys").GetProperty("items")));
        Assert.Equal(ConfigurationPatterns.RequestPrincipal, Pattern(requirement.GetProperty("principal")));
        Assert.Equal(ConfigurationPatterns.Action, Pattern(requirement.GetProperty("action")));
        Assert.Equal(ConfigurationPatterns.ContextKey, Pattern(requirement.GetProperty("context").GetProperty("propertyNames")));
    }

    [Fact]
    public void Schema_WhenLimitsAreGiven_ShouldBeTheParsers()
    {
        var exemptions = Properties.GetProperty("exemptions").GetProperty("properties");
        var requirement = Properties.GetProperty("extraRequirements").GetProperty("items").GetProperty("properties");

        Assert.Equal(ConfigurationLimits.MaxPrincipalExemptions, exemptions.GetProperty("principals").GetProperty("maxItems").GetInt32());
        Assert.Equal(ConfigurationLimits.MaxApprovedKeys, Properties.GetProperty("approvedKeys").GetProperty("maxItems").GetInt32());
        Assert.Equal(ConfigurationLimits.MaxExtraRequirements, Properties.GetProperty("extraRequirements").GetProperty("maxItems").GetInt32());
        Assert.Equal(ConfigurationLimits.MaxContextKeys, requirement.GetProperty("context").GetProperty("maxProperties").GetInt32());
        Assert.Equal(ConfigurationLimits.MinRepeatAlertWindowMinutes, Properties.GetProperty("repeatAlertWindowMinutes").GetProperty("minimum").GetInt32());
        Assert.Equal(ConfigurationLimits.MaxRepeatAlertWindowMinutes, Properties.GetProperty("repeatAlertWindowMinutes").GetProperty("maximum").GetInt32());
    }

    private static string? Pattern(JsonElement element) => element.GetProperty("pattern").GetString();
}
