using IdcKmsGuard.Core.Configuration;

namespace IdcKmsGuard.Core.Tests.Configuration;

/// <summary>The published schema and the parser accept and refuse the same documents.</summary>
public sealed class ConfigurationSchemaAgreementTests
{
    public static TheoryData<int> ValidCases() => [.. Enumerable.Range(0, SchemaAgreementCases.Valid.Count)];

    public static TheoryData<int> InvalidCases() => [.. Enumerable.Range(0, SchemaAgreementCases.Invalid.Count)];

    public static TheoryData<string> ParserOnlyCases() => [.. SchemaAgreementCases.ParserOnly.Select(c => c.Reason)];

    [Theory]
    [MemberData(nameof(ValidCases))]
    public void SchemaAndParser_WhenDocumentIsValid_ShouldBothAccept(int index)
    {
        var json = SchemaAgreementCases.Valid[index];

        Assert.True(GuardConfigSchema.Accepts(json), $"The schema refuses:\n{json}");
        ConfigurationParser.Parse(json);
    }

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void SchemaAndParser_WhenDocumentIsInvalid_ShouldBothRefuse(int index)
    {
        var json = SchemaAgreementCases.Invalid[index];

        Assert.False(GuardConfigSchema.Accepts(json), $"The schema accepts:\n{json}");
        Assert.Throws<ConfigurationException>(() => ConfigurationParser.Parse(json));
    }

    [Theory]
    [MemberData(nameof(ParserOnlyCases))]
    public void SchemaAndParser_WhenOnlyTheParserCanTell_ShouldHaveTheParserRefuse(string reason)
    {
        var json = SchemaAgreementCases.ParserOnly.Single(c => c.Reason == reason).Json;

        Assert.True(GuardConfigSchema.Accepts(json), $"The schema now refuses this ({reason}): move the case to the invalid list.");
        Assert.Throws<ConfigurationException>(() => ConfigurationParser.Parse(json));
    }

    [Fact]
    public void SchemaAndParser_WhenThePublishedExample_ShouldBothAccept()
    {
        var json = File.ReadAllText(Documents.ExamplePath);

        Assert.True(GuardConfigSchema.Accepts(json));
        ConfigurationParser.Parse(json);
    }
}
