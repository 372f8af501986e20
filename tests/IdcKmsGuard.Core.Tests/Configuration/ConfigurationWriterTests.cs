using System.Text.Json;
using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Rules;

namespace IdcKmsGuard.Core.Tests.Configuration;

public sealed class ConfigurationWriterTests
{
    [Fact]
    public void Write_WhenDefaults_ShouldNameEveryRuleWithItsDefaultMode()
    {
        using var written = JsonDocument.Parse(ConfigurationWriter.Write(GuardConfiguration.Defaults));

        Assert.Equal(
            RuleCatalog.All.Select(rule => (rule.Id, ConfigurationNames.Of(rule.DefaultMode))),
            written.RootElement.GetProperty("rules").EnumerateObject().Select(p => (p.Name, p.Value.GetString()!)));
    }

    [Theory]
    [InlineData("""{ "version": 1 }""")]
    [InlineData(Documents.Full)]
    public void Write_WhenParsedAgain_ShouldGiveTheSameConfiguration(string json)
    {
        var original = ConfigurationParser.Parse(json);

        var again = ConfigurationParser.Parse(ConfigurationWriter.Write(original));

        Assert.Equal(Describe(original), Describe(again));
    }

    [Fact]
    public void Write_WhenTheExampleIsParsedAgain_ShouldGiveTheSameConfiguration()
    {
        var original = ConfigurationParser.Parse(File.ReadAllText(Documents.ExamplePath));

        Assert.Equal(Describe(original), Describe(ConfigurationParser.Parse(ConfigurationWriter.Write(original))));
    }

    [Fact]
    public void Write_WhenTheSchemaReadsIt_ShouldAcceptIt()
    {
        Assert.True(GuardConfigSchema.Accepts(ConfigurationWriter.Write(ConfigurationParser.Parse(Documents.Full))));
    }

    [Theory]
    [InlineData("2026-12-31T00:00:00Z", "2026-12-31T00:00:00Z")]
    [InlineData("2026-12-31T00:00:00.500Z", "2026-12-31T00:00:00.5Z")]
    [InlineData("2026-12-31T02:00:00+02:00", "2026-12-31T02:00:00+02:00")]
    public void FormatTime_WhenWritten_ShouldBeRfc3339(string time, string expected)
    {
        Assert.Equal(expected, ConfigurationWriter.FormatTime(DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Write_WhenTextNeedsNoEscape_ShouldKeepItReadable()
    {
        var written = ConfigurationWriter.Write(ConfigurationParser.Parse(Documents.Exemption(
            """{ "arnPattern": "arn:aws:iam::111122223333:role/Ops", "until": "2026-12-31T02:00:00+02:00", "reason": "it's <planned>" }""")));

        Assert.Contains("\"until\": \"2026-12-31T02:00:00+02:00\"", written, StringComparison.Ordinal);
        Assert.Contains("it's <planned>", written, StringComparison.Ordinal);
    }

    /// <summary>The configuration as text, so two can be compared element by element.</summary>
    internal static string Describe(GuardConfiguration c) => string.Join(
        "\n",
        $"dryRun={c.DryRun} tag={c.SuspendTagKey} cmk={c.RequireCustomerManagedKey} repair={c.RepairStrategy} window={c.RepeatAlertWindow} narrow={c.NarrowBlockingDenies} chatbot={c.ChatbotNotifications} sweepRepeat={c.SweepRepeatAfter}",
        string.Join(",", RuleCatalog.All.Select(r => $"{r.Id}={c.ModeOf(r)}")),
        string.Join(",", c.PrincipalExemptions),
        string.Join(",", c.ApprovedKeys),
        string.Join(",", c.ExtraRequirements.Select(r => $"{r.Name}|{r.Principal}|{r.Action}|{string.Join(";", r.Context.Select(kv => $"{kv.Key}={string.Join("+", kv.Value)}"))}")));
}
