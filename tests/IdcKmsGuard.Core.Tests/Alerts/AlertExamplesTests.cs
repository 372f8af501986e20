using System.Text.Json;
using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.Tests.Guarding;
using IdcKmsGuard.Testing;

namespace IdcKmsGuard.Core.Tests.Alerts;

/// <summary>
/// The rendered examples in infra/alerts/examples (quoted by infra/docs/alerts.md and the README) are what the
/// renderer writes today, for alerts the guard raises on the project's own events. To refresh them after a deliberate
/// change of format, run the tests with IDCKMSGUARD_UPDATE_EXAMPLES=1 and review the diff.
/// </summary>
public sealed class AlertExamplesTests
{
    private static readonly string Folder = Path.Combine(RepoPaths.Root, "infra", "alerts", "examples");

    [Fact]
    public async Task DeletionFixed_EveryMessageKind_ShouldMatchTheExamples()
    {
        var scenario = new GuardScenario(KeyState.PendingDeletion);
        var alert = (await scenario.HandleAsync("kms-schedule-key-deletion.json")).Alert!;
        var plain = AlertRenderer.Render(alert);
        var chat = AlertRenderer.Render(alert, chatbot: true);

        Check("deletion-fixed.default.txt", plain.ShortText);
        Check("deletion-fixed.email.txt", $"Subject: {plain.Subject}\n\n{plain.EmailText}");
        CheckJson("deletion-fixed.json", plain.Json);
        CheckJson("deletion-fixed.chatbot.json", chat.Chatbot!);
        CheckJson("deletion-fixed.attributes.json", ExampleFiles.Attributes(plain.Attributes));
    }

    [Fact]
    public async Task PolicyRepaired_Email_ShouldMatchTheExample()
    {
        using var sample = JsonDocument.Parse(File.ReadAllText(RepoPaths.EventFile("kms-put-key-policy.json")));
        var proposed = sample.RootElement.GetProperty("detail").GetProperty("requestParameters").GetProperty("policy").GetString();
        var scenario = new GuardScenario(KeyState.Enabled, policy: proposed, configuration: GuardConfiguration.Defaults);
        var alert = (await scenario.HandleAsync("kms-put-key-policy.json")).Alert!;

        Check("policy-repaired.email.txt", $"Subject: {AlertRenderer.Render(alert).Subject}\n\n{AlertRenderer.Render(alert).EmailText}");
    }

    [Fact]
    public async Task SweepAndIncident_DefaultText_ShouldMatchTheExamples()
    {
        const string RootOnly = """{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}""";
        var replica = GuardScenario.Key.InRegion("eu-west-1");
        var sweep = new GuardScenario(KeyState.Enabled);
        sweep.Keys.RotationEnabled.Add(GuardScenario.Key.ToString());
        sweep.IdentityCenter.AdditionalRegions.Add(replica.Region);
        sweep.Keys.Add(replica, KeyState.Enabled, RootOnly);
        sweep.Keys.Update(replica, k => k with { MultiRegionRole = MultiRegionRole.Replica });
        var incident = new GuardScenario(KeyState.Disabled, remediate: false);
        await incident.HandleAsync("kms-disable-key.json");
        incident.Keys.SetState(GuardScenario.Key, KeyState.Enabled);

        var repaired = (await sweep.HandleAsync("scheduled-event.json")).Alert!;
        var resolved = (await incident.HandleAsync("kms-enable-key.json")).Alert!;

        Check("sweep-replica-repaired.default.txt", AlertRenderer.Render(repaired).ShortText);
        Check("incident-resolved.default.txt", AlertRenderer.Render(resolved).ShortText);
    }

    // infra/docs/alerts.md shows every kind of message; the README's quickstart shows the first alert's short text.
    [Theory]
    [InlineData("infra/docs/alerts.md", "sweep-replica-repaired.default.txt")]
    [InlineData("infra/docs/alerts.md", "incident-resolved.default.txt")]
    [InlineData("infra/docs/alerts.md", "deletion-fixed.default.txt")]
    [InlineData("infra/docs/alerts.md", "deletion-fixed.attributes.json")]
    [InlineData("infra/docs/alerts.md", "deletion-fixed.email.txt")]
    [InlineData("infra/docs/alerts.md", "deletion-fixed.json")]
    [InlineData("infra/docs/alerts.md", "deletion-fixed.chatbot.json")]
    [InlineData("README.md", "deletion-fixed.default.txt")]
    public void Documentation_ShouldQuoteTheExampleAsItIs(string document, string name)
    {
        var page = File.ReadAllText(Path.Combine(RepoPaths.Root, document)).ReplaceLineEndings("\n");
        var example = File.ReadAllText(Path.Combine(Folder, name)).ReplaceLineEndings("\n");

        Assert.True(page.Contains("\n" + example + "```", StringComparison.Ordinal), $"{document} does not quote infra/alerts/examples/{name} as it is now; paste the file into its code block.");
    }

    private static void Check(string name, string rendered) => ExampleFiles.Check(Folder, name, rendered);

    private static void CheckJson(string name, string rendered) => ExampleFiles.CheckJson(Folder, name, rendered);
}
