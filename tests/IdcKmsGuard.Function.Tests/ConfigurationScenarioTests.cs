namespace IdcKmsGuard.Function.Tests;

/// <summary>Whoever may write the configuration parameter can steer the guard: every new version is announced once.</summary>
public sealed class ConfigurationScenarioTests
{
    [Fact]
    public async Task ConfigurationChange_ShouldBeAnnouncedOnceWithItsChangesAndHighWhenItLeavesMoreAlone()
    {
        var first = new GuardRig();
        await first.InvokeAsync(first.Event("kms-enable-key.json"));
        await first.PutConfigurationAsync("""{"version": 1, "dryRun": true, "rules": {"KEY-ROTATION": "alert"}}""");

        // A new process (the configuration is cached for a minute in a warm one), then a second event.
        var next = first.WithTopic(first.Seeded.TopicArn);
        await next.InvokeAsync(next.Event("kms-enable-key.json", json => json.Replace("7f1d9a3b-0000-4000-9000", "7f1d9a3b-0000-4000-9001", StringComparison.Ordinal)));
        await next.InvokeAsync(next.Event("kms-enable-key.json", json => json.Replace("7f1d9a3b-0000-4000-9000", "7f1d9a3b-0000-4000-9002", StringComparison.Ordinal)));

        Assert.Empty(await next.ReceivedAlertsAsync());
        var announcement = Assert.Single(next.ConfigurationAnnouncements);
        Assert.Equal("high", announcement.Attributes["severity"]);
        var message = announcement.Document.GetProperty("findings")[0].GetProperty("message").GetString();
        Assert.Equal("The new configuration leaves more alone: rule KEY-ROTATION: remediate -> alert; dry run: off -> on. Changes since version 1: rule KEY-ROTATION: remediate -> alert; dry run: off -> on.", message);
        Assert.Contains("read version 2 of its configuration", announcement.Document.GetProperty("whatHappened").GetString(), StringComparison.Ordinal);
    }

    // Fail closed: the defaults may not be what the deployment chose (exemptions, dry run, rule modes), so a guard that
    // never read its configuration changes nothing; the last delivery reports the event and why.
    [Fact]
    public async Task ColdStart_WhenTheConfigurationCannotBeRead_ShouldChangeNothingAndSaySo()
    {
        var rig = new GuardRig();
        await rig.Kms.DisableKeyAsync(new Amazon.KeyManagementService.Model.DisableKeyRequest { KeyId = rig.Seeded.KeyArn });
        await rig.Account.InjectFaultAsync("GetParameter", "denied");
        var disable = rig.Event("kms-disable-key.json");

        var failures = 0;
        for (var delivery = 1; delivery <= 3; delivery++)
        {
            try
            {
                await rig.InvokeAsync(disable);
            }
            catch (Exception)
            {
                failures++;
            }
        }

        Assert.Equal(2, failures);
        Assert.Equal("Disabled", await rig.KeyStateAsync());
        var alerts = await rig.ReceivedAlertsAsync();
        Assert.Contains(alerts, a => a.Rule == "GUARD-CONFIG");
        var report = Assert.Single(alerts, a => a.Rule == "KEY-ENABLED");
        Assert.Contains("fail closed", report.Document.GetProperty("steps")[0].GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    // An insider deletes the parameter and creates it again with every switch they want: SSM numbers it from 1, below
    // the version announced last. It is announced anyway, high, with what changed and that it was re-created.
    [Fact]
    public async Task ParameterDeletedAndCreatedAgain_ShouldBeAnnouncedThoughItsVersionIsLower()
    {
        var first = new GuardRig();
        await first.PutConfigurationAsync("""{"version": 1, "rules": {"KEY-ROTATION": "alert"}}""");
        await first.InvokeAsync(first.Event("kms-enable-key.json"));
        await Task.Delay(TimeSpan.FromMilliseconds(1100));
        await first.DeleteConfigurationAsync();
        await first.PutConfigurationAsync("""{"version": 1, "dryRun": true}""");

        var next = first.WithTopic(first.Seeded.TopicArn);
        await next.InvokeAsync(next.Event("kms-enable-key.json", json => json.Replace("7f1d9a3b-0000-4000-9000", "7f1d9a3b-0000-4000-9001", StringComparison.Ordinal)));

        await next.ReceivedAlertsAsync();
        var recreated = next.ConfigurationAnnouncements[^1];
        Assert.Equal("high", recreated.Attributes["severity"]);
        Assert.Contains("deleted and created again (version 2 was announced, now version 1)", recreated.Document.GetProperty("whatHappened").GetString(), StringComparison.Ordinal);
        Assert.Contains("dry run: off -> on", recreated.Document.GetProperty("findings")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    // Deleting the parameter is not a way back to the defaults: a cold start changes nothing and says why.
    [Fact]
    public async Task ColdStart_WhenTheParameterWasDeleted_ShouldChangeNothingAndSaySo()
    {
        var rig = new GuardRig();
        await rig.DeleteConfigurationAsync();
        await rig.Kms.DisableKeyAsync(new Amazon.KeyManagementService.Model.DisableKeyRequest { KeyId = rig.Seeded.KeyArn });
        var disable = rig.Event("kms-disable-key.json");

        for (var delivery = 1; delivery <= 3; delivery++)
        {
            try
            {
                await rig.InvokeAsync(disable);
            }
            catch (Exception)
            {
                // The first two deliveries ask Lambda to retry: nothing is decided without a configuration.
            }
        }

        Assert.Equal("Disabled", await rig.KeyStateAsync());
        var alerts = await rig.ReceivedAlertsAsync();
        var gone = Assert.Single(alerts, a => a.Rule == "GUARD-CONFIG");
        Assert.Equal("high", gone.Attributes["severity"]);
        Assert.Contains("does not exist: it was deleted", gone.Document.GetProperty("findings")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("fail closed", Assert.Single(alerts, a => a.Rule == "KEY-ENABLED").Document.GetProperty("steps")[0].GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
