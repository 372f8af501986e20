using System.Text.Json;
using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.Tests.Guarding;
using IdcKmsGuard.Testing;

namespace IdcKmsGuard.Core.Tests.Alerts;

/// <summary>
/// One alert of every mode the guard can be in (fixed, alerted, dry run, exempt, failed, resolved, repeated, advice,
/// a refused attempt), as the guard publishes it: the document and its message attributes, written to
/// infra/alerts/examples/routing. The filter recipes of infra/docs/alerts.md are tested against these on the stand-in's
/// SNS (RoutingRecipeTests); refresh them with IDCKMSGUARD_UPDATE_EXAMPLES=1 after a deliberate change.
/// </summary>
public sealed class RoutingExamplesTests
{
    public static readonly string Folder = Path.Combine(RepoPaths.Root, "infra", "alerts", "examples", "routing");
    private const string AdministratorRole = "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Administrator*";

    public static TheoryData<string> Names => [.. Scenarios.Keys];

    private static readonly Dictionary<string, Func<Task<RenderedAlert>>> Scenarios = new(StringComparer.Ordinal)
    {
        ["disabled-fixed"] = () => Last(new GuardScenario(KeyState.Disabled), "kms-disable-key.json"),
        ["disabled-alerted"] = () => Last(new GuardScenario(KeyState.Disabled, remediate: false), "kms-disable-key.json"),
        ["disabled-dry-run"] = () => Last(new GuardScenario(KeyState.Disabled, configuration: GuardConfiguration.Defaults with { DryRun = true }), "kms-disable-key.json"),
        ["disabled-exempt"] = () => Last(
            new GuardScenario(KeyState.Disabled, configuration: GuardConfiguration.Defaults with
            {
                PrincipalExemptions = [new PrincipalExemption(AdministratorRole, GuardScenario.Now.AddDays(1), "key maintenance")],
            }),
            "kms-disable-key.json"),
        ["disabled-failed"] = () =>
        {
            var scenario = new GuardScenario(KeyState.Disabled, deliveryAttempts: 1);
            scenario.Keys.DeniedOperations.Add("EnableKey");
            return Last(scenario, "kms-disable-key.json");
        },
        ["disabled-still-failing"] = async () =>
        {
            var scenario = new GuardScenario(KeyState.Disabled, remediate: false, configuration: GuardConfiguration.Defaults with { SweepRepeatAfter = 1 });
            scenario.Keys.RotationEnabled.Add(GuardScenario.Key.ToString());
            await scenario.HandleAsync("kms-disable-key.json");
            scenario.Time.Advance(TimeSpan.FromHours(2));
            return await Last(scenario, "scheduled-event.json");
        },
        ["disabled-resolved"] = async () =>
        {
            var scenario = new GuardScenario(KeyState.Disabled, remediate: false);
            scenario.Keys.RotationEnabled.Add(GuardScenario.Key.ToString());
            await scenario.HandleAsync("kms-disable-key.json");
            scenario.Keys.SetState(GuardScenario.Key, KeyState.Enabled);
            return await Last(scenario, "kms-enable-key.json");
        },
        ["rotation-off"] = () => Last(new GuardScenario(KeyState.Enabled, remediate: false), "kms-disable-key-rotation.json"),
        ["attempt-denied"] = () => Last(new GuardScenario(KeyState.Enabled), "kms-disable-key-failed.json"),
        ["alert-path-broken"] = () =>
        {
            var topicKey = KeyArn.Parse("arn:aws:kms:us-east-1:111122223333:key/0b0b0b0b-1111-2222-3333-444455556666");
            var scenario = new GuardScenario(KeyState.Enabled, remediate: false, alertTopicKey: topicKey);
            scenario.Keys.RotationEnabled.Add(GuardScenario.Key.ToString());
            scenario.Keys.Add(topicKey, KeyState.Disabled, guarded: false);
            return Last(scenario, "scheduled-event.json");
        },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Example_ShouldBeWhatTheGuardPublishes(string name)
    {
        var rendered = await Scenarios[name]();

        ExampleFiles.CheckJson(Folder, $"{name}.json", rendered.Json);
        ExampleFiles.CheckJson(Folder, $"{name}.attributes.json", ExampleFiles.Attributes(rendered.Attributes));
    }

    [Fact]
    public void Examples_ShouldCoverEveryOutcomeAndEveryIncidentStatus()
    {
        var attributes = Directory.GetFiles(Folder, "*.attributes.json")
            .Select(f => JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(f))!)
            .ToList();

        Assert.Equal(["alerted", "dry-run", "exempt", "failed", "fixed", "none"], attributes.Select(a => a["outcome"]).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(["open", "resolved", "updated"], attributes.Select(a => a["incident_status"]).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(["false", "true"], attributes.Select(a => a["action_required"]).Distinct().Order(StringComparer.Ordinal));
    }

    private static async Task<RenderedAlert> Last(GuardScenario scenario, string eventFile)
    {
        await scenario.HandleAsync(eventFile);
        return scenario.Publisher.Published[^1];
    }
}
