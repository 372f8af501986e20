using IdcKmsGuard.Core.Configuration;

namespace IdcKmsGuard.Core.Tests.Configuration;

public sealed class ConfigurationParserDocumentTests
{
    [Fact]
    public void Parse_WhenOnlyVersion_ShouldReturnTheDefaults()
    {
        var configuration = ConfigurationParser.Parse("""{ "version": 1 }""");

        var defaults = GuardConfiguration.Defaults;
        Assert.Equal(defaults.DryRun, configuration.DryRun);
        Assert.Empty(configuration.RuleModes);
        Assert.Empty(configuration.PrincipalExemptions);
        Assert.Equal(GuardConfiguration.DefaultSuspendTagKey, configuration.SuspendTagKey);
        Assert.Empty(configuration.ApprovedKeys);
        Assert.True(configuration.RequireCustomerManagedKey);
        Assert.Equal(RepairStrategy.MergeRequired, configuration.RepairStrategy);
        Assert.Equal(TimeSpan.FromHours(1), configuration.RepeatAlertWindow);
        Assert.Empty(configuration.ExtraRequirements);
        Assert.False(configuration.NarrowBlockingDenies);
        Assert.False(configuration.ChatbotNotifications);
    }

    [Fact]
    public void Parse_WhenVersionIsWrittenAsOnePointZero_ShouldAcceptIt()
    {
        Assert.False(ConfigurationParser.Parse("""{ "version": 1.0 }""").DryRun);
    }

    [Fact]
    public void Parse_WhenSchemaReferenceIsGiven_ShouldIgnoreIt()
    {
        Assert.Empty(ConfigurationParser.Parse("""{ "$schema": "./guard-config.schema.json", "version": 1 }""").RuleModes);
    }

    [Theory]
    [InlineData("""{ "dryRun": true }""", "is required")]
    [InlineData("""{ "version": 2 }""", "must be 1")]
    [InlineData("""{ "version": "1" }""", "must be 1")]
    [InlineData("""{ "version": null }""", "must be 1")]
    [InlineData("""{ "version": 2, "newElement": {} }""", "the only version this guard reads; it is 2")]
    public void Parse_WhenVersionIsMissingOrNotOne_ShouldRefuseAtVersion(string json, string problem)
    {
        var refusal = Documents.Refusal(json);

        Assert.Equal("version", refusal.Location);
        Assert.Contains(problem, refusal.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("   \n", "is empty")]
    [InlineData("[1]", "must be a JSON object")]
    [InlineData("\"version\"", "must be a JSON object")]
    [InlineData("{ \"version\": 1, }", "is not valid JSON at line 1")]
    [InlineData("{ \"version\": 1 } // note", "is not valid JSON")]
    [InlineData("{ \"version\": 1", "is not valid JSON")]
    public void Parse_WhenDocumentIsNotAJsonObject_ShouldRefuseTheDocument(string json, string problem)
    {
        var refusal = Documents.Refusal(json);

        Assert.Equal(ConfigurationParser.DocumentLocation, refusal.Location);
        Assert.Contains(problem, refusal.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhenJsonIsBroken_ShouldSayWhereWithoutSystemTextJsonsTail()
    {
        var refusal = Documents.Refusal("{\n  \"version\": 1,\n  \"dryRun\": tru\n}");

        Assert.StartsWith("is not valid JSON at line 3, position ", refusal.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", refusal.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhenDocumentIsLargerThanAnAdvancedParameter_ShouldRefuseBeforeReadingIt()
    {
        var json = Documents.With($"\"$schema\": \"{new string('x', ConfigurationLimits.MaxDocumentLength)}\"");

        var refusal = Documents.Refusal(json);

        Assert.Equal(ConfigurationParser.DocumentLocation, refusal.Location);
        Assert.Equal($"is {json.Length} characters long; the limit is 8192 (an advanced SSM parameter)", refusal.Problem);
    }

    [Fact]
    public void Parse_WhenNestedDeeperThanTheLimit_ShouldRefuseTheDocument()
    {
        var json = Documents.With($"\"dryRun\": {new string('[', 20)}{new string(']', 20)}");

        Assert.Equal(ConfigurationParser.DocumentLocation, Documents.Refusal(json).Location);
    }

    [Fact]
    public void Parse_WhenRootHasAnUnknownElement_ShouldNameItAndListTheKnownOnes()
    {
        var refusal = Documents.Refusal(Documents.With("\"dryrun\": true"));

        Assert.Equal("dryrun", refusal.Location);
        Assert.StartsWith("unknown element (did you mean dryRun?); expected one of: $schema, version, dryRun, rules,", refusal.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhenAnElementAppearsTwice_ShouldRefuseTheSecond()
    {
        var refusal = Documents.Refusal(Documents.With("\"dryRun\": false, \"dryRun\": true"));

        Assert.Equal(("dryRun", "appears more than once"), (refusal.Location, refusal.Problem));
    }

    [Theory]
    [InlineData("dryRun")]
    [InlineData("rules")]
    [InlineData("repeatAlertWindowMinutes")]
    public void Parse_WhenAnElementIsNull_ShouldRefuseItAndSayToLeaveItOut(string element)
    {
        var refusal = Documents.Refusal(Documents.With($"\"{element}\": null"));

        Assert.Equal((element, "must not be null; leave the element out to use the default"), (refusal.Location, refusal.Problem));
    }

    [Theory]
    [InlineData("dryRun")]
    [InlineData("requireCustomerManagedKey")]
    [InlineData("narrowBlockingDenies")]
    [InlineData("chatbotNotifications")]
    public void Parse_WhenASwitchIsNotABoolean_ShouldRefuseIt(string element)
    {
        var refusal = Documents.Refusal(Documents.With($"\"{element}\": \"true\""));

        Assert.Equal((element, "must be true or false"), (refusal.Location, refusal.Problem));
    }

    [Fact]
    public void Parse_WhenSwitchesAreSet_ShouldCarryThem()
    {
        var configuration = ConfigurationParser.Parse(Documents.With(
            "\"dryRun\": true, \"requireCustomerManagedKey\": false, \"narrowBlockingDenies\": true, \"chatbotNotifications\": true"));

        Assert.Equal((true, false, true, true), (configuration.DryRun, configuration.RequireCustomerManagedKey, configuration.NarrowBlockingDenies, configuration.ChatbotNotifications));
    }

    [Fact]
    public void Parse_WhenSchemaReferenceIsNotAString_ShouldRefuseIt()
    {
        Assert.Equal("$schema", Documents.Refusal("""{ "$schema": 1, "version": 1 }""").Location);
    }
}
