using IdcKmsGuard.Lambda.Runtime.Tests.Fakes;
using Microsoft.Extensions.Logging;

namespace IdcKmsGuard.Lambda.Runtime.Tests.Logging;

public sealed class LambdaLoggerRobustnessTests
{
    [Fact]
    public void Log_WhenExceptionGiven_ShouldWriteExceptionObjectWithInnerException()
    {
        using var harness = new LoggerHarness();
        Exception thrown;
        try
        {
            try
            {
                throw new HttpRequestException("AccessDeniedException");
            }
            catch (HttpRequestException cause)
            {
                throw new InvalidOperationException("GetKeyPolicy failed", cause);
            }
        }
        catch (InvalidOperationException exception)
        {
            thrown = exception;
        }

        harness.Factory.CreateLogger("Guard").LogError(thrown, "Remediation failed");

        var exceptionJson = Assert.Single(harness.Lines()).GetProperty("exception");
        Assert.Equal("System.InvalidOperationException", exceptionJson.StringOrNull("type"));
        Assert.Equal("GetKeyPolicy failed", exceptionJson.StringOrNull("message"));
        Assert.Contains(nameof(Log_WhenExceptionGiven_ShouldWriteExceptionObjectWithInnerException), exceptionJson.StringOrNull("stack_trace"), StringComparison.Ordinal);
        var inner = exceptionJson.GetProperty("inner_exception");
        Assert.Equal("System.Net.Http.HttpRequestException", inner.StringOrNull("type"));
        Assert.Equal("AccessDeniedException", inner.StringOrNull("message"));
    }

    [Fact]
    public void Log_WhenMessageHasControlCharacters_ShouldStayOneValidLine()
    {
        using var harness = new LoggerHarness();

        harness.Factory.CreateLogger("Guard").LogInformation("line one\nline \"two\"\r\n\ttab and a lone surrogate \ud800");

        var line = Assert.Single(harness.Lines());
        Assert.StartsWith("line one\nline \"two\"", line.StringOrNull("message"), StringComparison.Ordinal);
    }

    [Fact]
    public void Log_WhenArgumentToStringThrows_ShouldStillWriteTheLineWithoutExtraKeys()
    {
        using var harness = new LoggerHarness();
        var logger = harness.Factory.CreateLogger("Guard");

        logger.LogInformation("Value {Bad} for {KeyArn}", new ThrowingToString(), "arn:key");

        var line = Assert.Single(harness.Lines());
        Assert.Equal("Value {Bad} for {KeyArn}", line.StringOrNull("message"));
        Assert.False(line.TryGetProperty("key_arn", out _));
    }
}
