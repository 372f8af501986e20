using System.Text.Json;
using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Keys;

namespace IdcKmsGuard.Core.Tests.Guarding;

/// <summary>
/// An incident keeps one id from the alert that opens it, through the sweep's repeats, to the notice that resolves it:
/// what a pager de-duplicates and closes on.
/// </summary>
public sealed class IncidentLifecycleTests
{
    [Fact]
    public async Task DisabledKey_OpenThenRepeatThenResolved_ShouldNameOneIncident()
    {
        var scenario = new GuardScenario(
            KeyState.Disabled, remediate: false, configuration: GuardConfiguration.Defaults with { SweepRepeatAfter = 1, RepeatAlertWindow = TimeSpan.FromMinutes(30) });
        scenario.Keys.RotationEnabled.Add(GuardScenario.Key.ToString());

        await scenario.HandleAsync("kms-disable-key.json");
        scenario.Time.Advance(TimeSpan.FromHours(1));
        await scenario.HandleAsync("scheduled-event.json");
        scenario.Time.Advance(TimeSpan.FromHours(1));
        await scenario.HandleAsync("scheduled-event.json", json => json.Replace("95db273d1602", "95db273d1603", StringComparison.Ordinal));
        scenario.Keys.SetState(GuardScenario.Key, KeyState.Enabled);
        var enabled = await scenario.HandleAsync("kms-enable-key.json");

        var incidents = scenario.Publisher.Published.Select(Incident).ToList();
        Assert.True(incidents.Count == 4, enabled.Reason);
        Assert.Equal(["open", "updated", "updated", "resolved"], incidents.Select(i => i.Status));
        Assert.Single(incidents.Select(i => i.Id).Distinct());
        Assert.All(incidents, i => Assert.Equal(GuardScenario.Now, i.OpenedAt));
        Assert.Equal([0, 1, 2, 2], incidents.Select(i => i.Repeats));
        Assert.Equal(["true", "true", "true", "false"], scenario.Publisher.Published.Select(p => p.Attributes["action_required"]));
        Assert.Equal(["open", "updated", "updated", "resolved"], scenario.Publisher.Published.Select(p => p.Attributes["incident_status"]));
    }

    [Fact]
    public async Task DisabledKey_WhenItBreaksAgainAfterItWasResolved_ShouldOpenANewIncident()
    {
        var scenario = new GuardScenario(KeyState.Disabled, remediate: false);

        await scenario.HandleAsync("kms-disable-key.json");
        scenario.Keys.SetState(GuardScenario.Key, KeyState.Enabled);
        await scenario.HandleAsync("kms-enable-key.json");
        scenario.Time.Advance(TimeSpan.FromHours(2));
        scenario.Keys.SetState(GuardScenario.Key, KeyState.Disabled);
        await scenario.HandleAsync("kms-disable-key.json", json => json.Replace("7f1d9a3b-0000-4000-9000-000000000003", "7f1d9a3b-0000-4000-9000-0000000000aa", StringComparison.Ordinal));

        var incidents = scenario.Publisher.Published.Select(Incident).ToList();
        Assert.Equal(["open", "resolved", "open"], incidents.Select(i => i.Status));
        Assert.Equal(incidents[0].Id, incidents[1].Id);
        Assert.NotEqual(incidents[0].Id, incidents[2].Id);
        Assert.Equal(GuardScenario.Now.AddHours(2), incidents[2].OpenedAt);
    }

    [Fact]
    public async Task DisabledKey_WhenAnotherRuleJoinsTheOpenIncident_ShouldUpdateIt()
    {
        const string RootOnly = """{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}""";
        var scenario = new GuardScenario(KeyState.Disabled, remediate: false);

        await scenario.HandleAsync("kms-disable-key.json");
        scenario.Keys.SetPolicy(GuardScenario.Key, RootOnly);
        await scenario.HandleAsync("scheduled-event.json");

        var incidents = scenario.Publisher.Published.Select(Incident).ToList();
        Assert.Equal(["open", "updated"], incidents.Select(i => i.Status));
        Assert.Equal(incidents[0].Id, incidents[1].Id);
    }

    [Fact]
    public async Task DeletionTheGuardFixed_ShouldBeAnIncidentThatOpensAndEndsInOneAlert()
    {
        var scenario = new GuardScenario(KeyState.PendingDeletion);

        var result = await scenario.HandleAsync("kms-schedule-key-deletion.json");

        var incident = Incident(Assert.Single(scenario.Publisher.Published));
        Assert.Equal("resolved", incident.Status);
        Assert.Equal(result.Alert!.AlertId, incident.Id);
    }

    private static AlertDocumentIncident Incident(RenderedAlert rendered)
    {
        using var document = JsonDocument.Parse(rendered.Json);
        var incident = document.RootElement.GetProperty("incident");
        return new AlertDocumentIncident(
            incident.GetProperty("id").GetString()!,
            incident.GetProperty("status").GetString()!,
            incident.GetProperty("openedAt").GetDateTimeOffset(),
            incident.GetProperty("repeats").GetInt32());
    }
}
