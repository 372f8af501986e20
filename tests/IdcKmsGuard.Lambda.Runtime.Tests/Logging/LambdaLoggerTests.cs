using System.Text.Json;
using IdcKmsGuard.Lambda.Runtime.Tests.Fakes;
using Microsoft.Extensions.Logging;

namespace IdcKmsGuard.Lambda.Runtime.Tests.Logging;

public sealed class LambdaLoggerTests
{
    [Fact]
    public void Log_WhenInsideInvocation_ShouldWriteOneJsonLineWithPowertoolsKeys()
    {
        using var harness = new LoggerHarness();
        var logger = harness.Factory.CreateLogger("IdcKmsGuard.Function.Guard");
        harness.Factory.Context.BeginInvocation(
            LoggerHarness.Invocation("req-1", "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"));

        logger.LogInformation("Collecting key state");

        var line = Assert.Single(harness.Lines());
        Assert.Equal("Information", line.StringOrNull("level"));
        Assert.Equal("Collecting key state", line.StringOrNull("message"));
        Assert.Equal("2025-03-01T12:30:45.123Z", line.StringOrNull("timestamp"));
        Assert.Equal("idc-kms-guard", line.StringOrNull("service"));
        Assert.True(line.GetProperty("cold_start").GetBoolean());
        Assert.Equal("idc-kms-guard-fn", line.StringOrNull("function_name"));
        Assert.Equal(512, line.GetProperty("function_memory_size").GetInt32());
        Assert.Equal(FakeRuntimeApi.FunctionArn, line.StringOrNull("function_arn"));
        Assert.Equal("req-1", line.StringOrNull("function_request_id"));
        Assert.Equal("$LATEST", line.StringOrNull("function_version"));
        Assert.Equal("1-5759e988-bd862e3fe1be46a994272793", line.StringOrNull("xray_trace_id"));
        Assert.Equal("IdcKmsGuard.Function.Guard", line.StringOrNull("name"));
        Assert.False(line.TryGetProperty("sampling_rate", out _));
        Assert.False(line.TryGetProperty("correlation_id", out _));
        Assert.False(line.TryGetProperty("exception", out _));
    }

    [Fact]
    public void Log_WhenOutsideInvocation_ShouldOmitInvocationKeys()
    {
        using var harness = new LoggerHarness();

        harness.Factory.CreateLogger("Init").LogInformation("Reading configuration");

        var line = Assert.Single(harness.Lines());
        Assert.Equal("idc-kms-guard-fn", line.StringOrNull("function_name"));
        Assert.False(line.TryGetProperty("cold_start", out _));
        Assert.False(line.TryGetProperty("function_request_id", out _));
        Assert.False(line.TryGetProperty("xray_trace_id", out _));
    }

    [Fact]
    public void Log_WhenSecondInvocation_ShouldWriteColdStartTrueThenFalse()
    {
        using var harness = new LoggerHarness();
        var logger = harness.Factory.CreateLogger("Guard");

        harness.Factory.Context.BeginInvocation(LoggerHarness.Invocation("req-1"));
        logger.LogInformation("first");
        harness.Factory.Context.EndInvocation();
        harness.Factory.Context.BeginInvocation(LoggerHarness.Invocation("req-2"));
        logger.LogInformation("second");

        var lines = harness.Lines();
        Assert.True(lines[0].GetProperty("cold_start").GetBoolean());
        Assert.False(lines[1].GetProperty("cold_start").GetBoolean());
        Assert.Equal("req-2", lines[1].StringOrNull("function_request_id"));
    }

    [Fact]
    public void Log_WhenTemplateHasArguments_ShouldWriteSnakeCaseKeysWithJsonTypes()
    {
        using var harness = new LoggerHarness();
        var keyArn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

        harness.Factory.CreateLogger("Guard").LogWarning(
            "Key {KeyArn} has {GrantCount} grants, rotation {RotationEnabled}, score {RiskScore}, owner {@Owner}, aliases {Aliases}",
            keyArn, 3, false, 0.75, null, new List<string> { "alias/a", "alias/b" });

        var line = Assert.Single(harness.Lines());
        Assert.Equal(keyArn, line.StringOrNull("key_arn"));
        Assert.Equal(3, line.GetProperty("grant_count").GetInt32());
        Assert.Equal(JsonValueKind.False, line.GetProperty("rotation_enabled").ValueKind);
        Assert.Equal(0.75, line.GetProperty("risk_score").GetDouble());
        Assert.Equal(JsonValueKind.Null, line.GetProperty("owner").ValueKind);
        Assert.Equal(["alias/a", "alias/b"], line.GetProperty("aliases").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains(keyArn, line.StringOrNull("message"), StringComparison.Ordinal);
        Assert.False(line.TryGetProperty("{OriginalFormat}", out _));
        Assert.False(line.TryGetProperty("original_format", out _));
    }

    [Fact]
    public void Log_WhenArgumentCollidesWithStandardKey_ShouldKeepTheStandardValue()
    {
        using var harness = new LoggerHarness();

        harness.Factory.CreateLogger("Guard").LogInformation("Level {Level} from {Service}", "spoofed", "other");

        var line = Assert.Single(harness.Lines());
        Assert.Equal("Information", line.StringOrNull("level"));
        Assert.Equal("idc-kms-guard", line.StringOrNull("service"));
    }
}
