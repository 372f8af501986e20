using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Rules;

namespace IdcKmsGuard.Core.Tests.Configuration;

public sealed class ConfigurationExampleTests
{
    [Fact]
    public void Parse_WhenThePublishedExample_ShouldReadEverySection()
    {
        var configuration = ConfigurationParser.Parse(File.ReadAllText(Documents.ExamplePath));

        Assert.Equal(RuleMode.Off, configuration.ModeOf("IDC-CONTEXT-SCOPE"));
        Assert.Equal(RuleMode.Alert, configuration.ModeOf("KEY-ROTATION"));
        Assert.Equal(2, configuration.PrincipalExemptions.Count);
        Assert.Equal([Documents.KeyArn], configuration.ApprovedKeys);
        Assert.Equal(2, configuration.ExtraRequirements.Count);
    }

    [Fact]
    public void Parse_WhenTheBriefsDocument_ShouldReadEveryElement()
    {
        var configuration = ConfigurationParser.Parse(Documents.Full);

        Assert.Equal(RuleMode.Alert, configuration.ModeOf("KEY-ROTATION"));
        Assert.Equal(new DateTimeOffset(2026, 12, 31, 0, 0, 0, TimeSpan.Zero), configuration.PrincipalExemptions[0].Until);
        Assert.Equal("planned key maintenance", configuration.PrincipalExemptions[0].Reason);
        Assert.Equal(TimeSpan.FromMinutes(60), configuration.RepeatAlertWindow);
        Assert.Equal("workflow role decrypts via sso", configuration.ExtraRequirements[0].Name);
    }

    [Fact]
    public void Example_WhenCompared_ShouldFitAStandardSsmParameter()
    {
        Assert.True(File.ReadAllText(Documents.ExamplePath).Length <= 4096, "The example should fit the 4 KB standard parameter the template creates.");
    }
}
