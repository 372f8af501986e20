using IdcKmsGuard.Core.Configuration;
using IdcKmsGuard.Core.Keys;

namespace IdcKmsGuard.Core.Tests.Guarding;

/// <summary>Configuration changes are events: every new version is announced once, with what it changes.</summary>
public sealed class ConfigurationAnnouncementTests
{
    private const string Origin = "ssm:/idckmsguard/configuration";

    [Fact]
    public async Task FirstVersion_WhenItIsTheDefaults_ShouldBeRecordedWithoutAnAlert()
    {
        var scenario = new GuardScenario(KeyState.Enabled) { Snapshot = Version("1", """{"version": 1}""") };

        await scenario.HandleAsync("kms-enable-key.json");

        Assert.Empty(scenario.Publisher.Published);
        Assert.Equal("1", scenario.State.Announced[Origin].Version);
    }

    [Fact]
    public async Task NewVersion_ThatTurnsOnDryRun_ShouldBeAnnouncedOnceAsHigh()
    {
        var scenario = new GuardScenario(KeyState.Enabled) { Snapshot = Version("1", """{"version": 1}""") };
        await scenario.HandleAsync("kms-enable-key.json");

        scenario.Snapshot = Version("2", """{"version": 1, "dryRun": true}""");
        await scenario.HandleAsync("kms-enable-key.json", json => json.Replace("7f1d9a3b-0000-4000-9000", "7f1d9a3b-0000-4000-9001", StringComparison.Ordinal));
        await scenario.HandleAsync("kms-enable-key.json", json => json.Replace("7f1d9a3b-0000-4000-9000", "7f1d9a3b-0000-4000-9002", StringComparison.Ordinal));

        var alert = Assert.Single(scenario.Publisher.Published);
        Assert.Equal(("GUARD-CONFIG-CHANGED", "high"), (alert.Attributes["rule"], alert.Attributes["severity"]));
        Assert.Contains("dry run: off -> on", alert.EmailText, StringComparison.Ordinal);
        Assert.Contains("Changes since version 1", alert.EmailText, StringComparison.Ordinal);
        Assert.Equal("2", scenario.State.Announced[Origin].Version);
    }

    // An insider deletes the parameter and creates it again: SSM numbers from 1, below the version announced last.
    [Fact]
    public async Task ParameterDeletedAndCreatedAgain_ShouldBeAnnouncedAsHighThoughItsVersionIsLower()
    {
        var scenario = new GuardScenario(KeyState.Enabled) { Snapshot = Version("1", """{"version": 1}""", minute: 0) };
        await scenario.HandleAsync("kms-enable-key.json");
        scenario.Snapshot = Version("2", """{"version": 1, "rules": {"KEY-ROTATION": "alert"}}""", minute: 1);
        await scenario.HandleAsync("kms-enable-key.json", json => json.Replace("7f1d9a3b-0000-4000-9000", "7f1d9a3b-0000-4000-9001", StringComparison.Ordinal));

        scenario.Snapshot = Version("1", """{"version": 1, "dryRun": true}""", minute: 2);
        await scenario.HandleAsync("kms-enable-key.json", json => json.Replace("7f1d9a3b-0000-4000-9000", "7f1d9a3b-0000-4000-9002", StringComparison.Ordinal));
        await scenario.HandleAsync("kms-enable-key.json", json => json.Replace("7f1d9a3b-0000-4000-9000", "7f1d9a3b-0000-4000-9003", StringComparison.Ordinal));

        Assert.Equal(2, scenario.Publisher.Published.Count);
        var recreated = scenario.Publisher.Published[1];
        Assert.Equal(("GUARD-CONFIG-CHANGED", "high"), (recreated.Attributes["rule"], recreated.Attributes["severity"]));
        Assert.Contains("deleted and created again (version 2 was announced, now version 1)", recreated.EmailText, StringComparison.Ordinal);
        Assert.Contains("dry run: off -> on", recreated.EmailText, StringComparison.Ordinal);
    }

    // Another sandbox still holds the version before (its cache lasts a minute): an older write is never announced again.
    [Fact]
    public async Task OlderVersionFromAStaleCache_ShouldNotBeAnnouncedAgain()
    {
        var scenario = new GuardScenario(KeyState.Enabled) { Snapshot = Version("1", """{"version": 1}""", minute: 0) };
        await scenario.HandleAsync("kms-enable-key.json");
        scenario.Snapshot = Version("2", """{"version": 1, "dryRun": true}""", minute: 1);
        await scenario.HandleAsync("kms-enable-key.json", json => json.Replace("7f1d9a3b-0000-4000-9000", "7f1d9a3b-0000-4000-9001", StringComparison.Ordinal));

        scenario.Snapshot = Version("1", """{"version": 1}""", minute: 0);
        await scenario.HandleAsync("kms-enable-key.json", json => json.Replace("7f1d9a3b-0000-4000-9000", "7f1d9a3b-0000-4000-9002", StringComparison.Ordinal));

        Assert.Single(scenario.Publisher.Published);
    }

    private static ConfigurationSnapshot Version(string version, string text, int? minute = null) =>
        new(ConfigurationParser.Parse(text), $"{Origin} (version {version})", [], false)
        {
            Document = new ConfigurationDocument(text, Origin, version) { ModifiedAt = minute is { } m ? GuardScenario.Now.AddMinutes(m - 10) : null },
        };
}
