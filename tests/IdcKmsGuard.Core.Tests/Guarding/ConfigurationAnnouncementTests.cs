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

    // Switching the announcements off is itself announced: the previous version's mode decides.
    [Fact]
    public async Task NewVersion_ThatSwitchesTheAnnouncementOff_ShouldStillBeAnnounced()
    {
        var scenario = new GuardScenario(KeyState.Enabled) { Snapshot = Version("1", """{"version": 1}""") };
        await scenario.HandleAsync("kms-enable-key.json");

        scenario.Snapshot = Version("2", """{"version": 1, "rules": {"GUARD-CONFIG-CHANGED": "off"}}""");
        await scenario.HandleAsync("kms-enable-key.json", json => json.Replace("7f1d9a3b-0000-4000-9000", "7f1d9a3b-0000-4000-9001", StringComparison.Ordinal));

        var alert = Assert.Single(scenario.Publisher.Published);
        Assert.Contains("rule GUARD-CONFIG-CHANGED: alert -> off", alert.EmailText, StringComparison.Ordinal);
        Assert.Equal("high", alert.Attributes["severity"]);
    }

    private static ConfigurationSnapshot Version(string version, string text) =>
        new(ConfigurationParser.Parse(text), $"{Origin} (version {version})", [], false) { Document = new ConfigurationDocument(text, Origin, version) };
}
