using System.Text.Json.Nodes;
using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Rules;
using IdcKmsGuard.Testing;

namespace IdcKmsGuard.Core.Tests.Alerts;

/// <summary>Every alert links its rule's runbook, and every rule an alert can carry has one with the four sections.</summary>
public sealed class RunbookLinkTests
{
    private static readonly string[] Sections = ["## What broke", "## How to confirm", "## How to fix by hand", "## How to undo the guard's fix"];

    public static TheoryData<string> Rules() => [.. RuleCatalog.All.Select(rule => rule.Id)];

    [Theory]
    [MemberData(nameof(Rules))]
    public void EveryRule_ShouldHaveARunbookWithTheFourSections(string rule)
    {
        var page = Path.Combine(RepoPaths.Root, RunbookLinks.Default.For(rule));

        Assert.True(File.Exists(page), $"{rule} has no runbook at {RunbookLinks.Default.For(rule)}");
        var text = File.ReadAllText(page);
        Assert.StartsWith($"# {rule}: ", text, StringComparison.Ordinal);
        Assert.All(Sections, section => Assert.Contains("\n" + section + "\n", text, StringComparison.Ordinal));
    }

    [Fact]
    public void Render_ShouldLinkTheRulesRunbookInTheDocumentAndTheEmail()
    {
        var alert = AlertSamples.Disabled();

        var standard = AlertRenderer.Render(alert);
        var published = AlertRenderer.Render(alert, format: new AlertFormat { Runbooks = new RunbookLinks("https://wiki.example.com/runbooks") });

        Assert.Equal($"infra/docs/runbooks/{alert.RuleId}.md", JsonNode.Parse(standard.Json)!["links"]!["runbook"]!.GetValue<string>());
        Assert.Equal($"https://wiki.example.com/runbooks/{alert.RuleId}.md", JsonNode.Parse(published.Json)!["links"]!["runbook"]!.GetValue<string>());
        Assert.Contains($"Runbook for {alert.RuleId}: https://wiki.example.com/runbooks/{alert.RuleId}.md", published.EmailText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://wiki.example.com/")]
    [InlineData("file:///etc/")]
    [InlineData(" ")]
    public void RunbookLinks_ShouldRefuseABaseThatIsNotHttpsOrARelativePath(string location) =>
        Assert.Throws<ArgumentException>(() => new RunbookLinks(location));
}
