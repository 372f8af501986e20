using System.Text.Json;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.Metrics;
using IdcKmsGuard.Core.Tests.Guarding;

namespace IdcKmsGuard.Core.Tests.Metrics;

/// <summary>The Embedded Metric Format lines, checked against the specification's required members.</summary>
public sealed class EmbeddedMetricsTests
{
    private static readonly string[] Units = ["Count", "Milliseconds"];
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 7, 3, 1, TimeSpan.Zero);

    [Fact]
    public async Task For_WhenAnEventWasFixed_ShouldCountChecksViolationsRemediationAndTimeToAlert()
    {
        var scenario = new GuardScenario(KeyState.Disabled);
        var result = await scenario.HandleAsync("kms-disable-key.json");

        var lines = EmbeddedMetrics.For(result, "idckmsguard", Now).Select(Parse).ToList();

        Assert.All(lines, AssertValidEmf);
        var totals = lines[0];
        Assert.Equal(result.Rules.Count, totals.GetProperty("ChecksRun").GetInt32());
        Assert.Equal(1, totals.GetProperty("AlertsPublished").GetInt32());
        Assert.True(totals.GetProperty("EventToAlert").GetDouble() > 0);
        Assert.False(totals.TryGetProperty(EmbeddedMetrics.SweepsCompleted, out _));
        var violation = Assert.Single(lines, l => l.TryGetProperty("Violations", out _));
        Assert.Equal(("KEY-ENABLED", "critical"), (violation.GetProperty("Rule").GetString(), violation.GetProperty("Severity").GetString()));
        var remediation = Assert.Single(lines, l => l.TryGetProperty("Remediations", out _));
        Assert.Equal("fixed", remediation.GetProperty("Outcome").GetString());
    }

    [Fact]
    public async Task For_WhenASweepFoundNothing_ShouldStillSendTheHeartbeat()
    {
        var scenario = new GuardScenario(KeyState.Enabled);
        scenario.Keys.RotationEnabled.Add(GuardScenario.Key.ToString());
        var result = await scenario.HandleAsync("scheduled-event.json");

        var line = Assert.Single(EmbeddedMetrics.For(result, "idckmsguard", Now).Select(Parse));

        AssertValidEmf(line);
        Assert.Equal(1, line.GetProperty(EmbeddedMetrics.SweepsCompleted).GetInt32());
        Assert.Equal(0, line.GetProperty(EmbeddedMetrics.SweepChecksFailed).GetInt32());
        Assert.Equal(0, line.GetProperty("AlertsPublished").GetInt32());
        Assert.Equal(2, line.GetProperty("ChecksRun").GetInt32());
    }

    [Fact]
    public async Task For_WhenASweepWasARepeatedDelivery_ShouldNotFeedTheHeartbeat()
    {
        var scenario = new GuardScenario(KeyState.Enabled);
        scenario.Keys.RotationEnabled.Add(GuardScenario.Key.ToString());
        await scenario.HandleAsync("scheduled-event.json");
        var repeat = await scenario.HandleAsync("scheduled-event.json");

        var line = Assert.Single(EmbeddedMetrics.For(repeat, "idckmsguard", Now).Select(Parse));

        Assert.False(line.TryGetProperty(EmbeddedMetrics.SweepsCompleted, out _));
    }

    [Fact]
    public async Task For_WhenASweepCouldNotFinishAKey_ShouldCountItForTheAlarm()
    {
        var scenario = new GuardScenario(KeyState.Disabled, deliveryAttempts: 1);
        scenario.Keys.RotationEnabled.Add(GuardScenario.Key.ToString());
        scenario.Keys.DeniedOperations.Add("GetKeyPolicy");
        var result = await scenario.HandleAsync("scheduled-event.json");

        var line = EmbeddedMetrics.For(result, "idckmsguard", Now).Select(Parse).First();

        Assert.Equal(1, line.GetProperty(EmbeddedMetrics.SweepChecksFailed).GetInt32());
        Assert.Equal(KeyState.Enabled, scenario.Keys.StateOf(GuardScenario.Key));
    }

    private static JsonElement Parse(string line)
    {
        Assert.DoesNotContain('\n', line);
        return JsonDocument.Parse(line).RootElement.Clone();
    }

    // Every dimension and metric a directive names must be a top-level member; the timestamp is epoch milliseconds.
    private static void AssertValidEmf(JsonElement line)
    {
        var aws = line.GetProperty("_aws");
        Assert.Equal(Now.ToUnixTimeMilliseconds(), aws.GetProperty("Timestamp").GetInt64());
        var directive = Assert.Single(aws.GetProperty("CloudWatchMetrics").EnumerateArray());
        Assert.Equal(EmbeddedMetrics.Namespace, directive.GetProperty("Namespace").GetString());
        foreach (var dimension in directive.GetProperty("Dimensions").EnumerateArray().SelectMany(set => set.EnumerateArray()))
        {
            Assert.Equal(JsonValueKind.String, line.GetProperty(dimension.GetString()!).ValueKind);
        }

        foreach (var metric in directive.GetProperty("Metrics").EnumerateArray())
        {
            Assert.Equal(JsonValueKind.Number, line.GetProperty(metric.GetProperty("Name").GetString()!).ValueKind);
            Assert.Contains(metric.GetProperty("Unit").GetString(), Units);
        }
    }
}
