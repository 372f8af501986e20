using IdcKmsGuard.Lambda.Runtime.Tests.Fakes;
using Microsoft.Extensions.Logging;

namespace IdcKmsGuard.Lambda.Runtime.Tests.Logging;

public sealed class LambdaLoggerFilteringTests
{
    [Fact]
    public void Log_WhenBelowMinimumLevel_ShouldWriteNothing()
    {
        using var harness = new LoggerHarness(LoggerHarness.Options with { MinimumLevel = LogLevel.Warning });
        var logger = harness.Factory.CreateLogger("Guard");

        logger.LogDebug("debug");
        logger.LogInformation("info");
        logger.LogWarning("warn");
        logger.LogCritical("critical");

        Assert.Equal(["Warning", "Critical"], harness.Lines().Select(line => line.StringOrNull("level")));
    }

    [Fact]
    public void IsEnabled_WhenLevelIsNone_ShouldBeFalse()
    {
        using var harness = new LoggerHarness(LoggerHarness.Options with { MinimumLevel = LogLevel.Trace });

        Assert.False(harness.Factory.CreateLogger("Guard").IsEnabled(LogLevel.None));
    }

    [Fact]
    public void Log_WhenInvocationIsSampled_ShouldWriteDebugAndSamplingRate()
    {
        var options = LoggerHarness.Options with { SamplingRate = 0.5 };
        using var harness = new LoggerHarness(options, random: 0.1);
        var logger = harness.Factory.CreateLogger("Guard");

        logger.LogDebug("before the invocation");
        harness.Factory.Context.BeginInvocation(LoggerHarness.Invocation("req-sampled"));
        logger.LogDebug("during the invocation");

        var line = Assert.Single(harness.Lines());
        Assert.Equal("during the invocation", line.StringOrNull("message"));
        Assert.Equal(0.5, line.GetProperty("sampling_rate").GetDouble());
    }

    [Fact]
    public void Log_WhenInvocationIsNotSampled_ShouldKeepMinimumLevel()
    {
        using var harness = new LoggerHarness(LoggerHarness.Options with { SamplingRate = 0.5 }, random: 0.9);
        harness.Factory.Context.BeginInvocation(LoggerHarness.Invocation("req-unsampled"));

        harness.Factory.CreateLogger("Guard").LogDebug("dropped");

        Assert.Empty(harness.Lines());
    }

    [Fact]
    public void Log_WhenCorrelationIdSet_ShouldWriteItUntilInvocationEnds()
    {
        using var harness = new LoggerHarness();
        var logger = harness.Factory.CreateLogger("Guard");
        harness.Factory.Context.BeginInvocation(LoggerHarness.Invocation("req-1"));

        harness.Factory.Context.SetCorrelationId("cloudtrail-event-42");
        logger.LogInformation("with");
        harness.Factory.Context.EndInvocation();
        logger.LogInformation("without");

        var lines = harness.Lines();
        Assert.Equal("cloudtrail-event-42", lines[0].StringOrNull("correlation_id"));
        Assert.Null(lines[1].StringOrNull("correlation_id"));
    }

    [Fact]
    public void Log_WhenScopeHasKeys_ShouldWriteThemInsideTheScopeOnly()
    {
        using var harness = new LoggerHarness();
        var logger = harness.Factory.CreateLogger("Guard");

        using (logger.BeginScope(new Dictionary<string, object?> { ["KeyArn"] = "arn:key", ["Attempt"] = 2 }))
        {
            logger.LogInformation("inside {Attempt}", 3);
        }

        logger.LogInformation("outside");

        var lines = harness.Lines();
        Assert.Equal("arn:key", lines[0].StringOrNull("key_arn"));
        Assert.Equal(3, lines[0].GetProperty("attempt").GetInt32());
        Assert.False(lines[1].TryGetProperty("key_arn", out _));
    }

    [Fact]
    public async Task Log_WhenManyThreadsLog_ShouldWriteWholeLines()
    {
        using var harness = new LoggerHarness();
        var logger = harness.Factory.CreateLogger("Guard");

        await Task.WhenAll(Enumerable.Range(0, 8).Select(thread => Task.Run(() =>
        {
            for (var i = 0; i < 250; i++)
            {
                logger.LogInformation("Thread {Thread} line {Line} {Padding}", thread, i, new string('x', 200));
            }
        })));

        var lines = harness.Lines();
        Assert.Equal(2000, lines.Count);
        Assert.Equal(2000, lines.Select(l => (l.GetProperty("thread").GetInt32(), l.GetProperty("line").GetInt32())).Distinct().Count());
    }
}
