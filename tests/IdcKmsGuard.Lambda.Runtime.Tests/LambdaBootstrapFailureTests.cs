using System.Net;
using IdcKmsGuard.Lambda.Runtime.Tests.Fakes;

namespace IdcKmsGuard.Lambda.Runtime.Tests;

public sealed class LambdaBootstrapFailureTests
{
    [Fact]
    public async Task RunAsync_WhenInitializeThrows_ShouldPostInitErrorAndReturnInitFailed()
    {
        await using var harness = new BootstrapHarness();
        harness.Api.Enqueue("req-never");

        var exit = await harness.Start(_ => throw new InvalidOperationException("POLICY_TABLE is not set"))
            .WaitAsync(TimeSpan.FromSeconds(20));
        var initError = await harness.Api.InitError();

        Assert.Equal(LambdaExitCode.InitFailed, exit);
        Assert.Equal("InvalidOperationException", initError.ErrorTypeHeader);
        Assert.Equal("POLICY_TABLE is not set", initError.ErrorMessageInBody);
        Assert.Equal("application/json", initError.ContentType);
        Assert.Equal(0, harness.Api.NextRequests);
        var critical = Assert.Single(harness.LogLines(), line => line.StringOrNull("level") == "Critical");
        Assert.Equal("InvalidOperationException", critical.StringOrNull("error_type"));
    }

    [Fact]
    public async Task RunAsync_WhenInitializeReturnsNoHandler_ShouldReturnInitFailed()
    {
        await using var harness = new BootstrapHarness();

        var exit = await harness.Start(_ => Task.FromResult<ILambdaHandler>(null!)).WaitAsync(TimeSpan.FromSeconds(20));
        var initError = await harness.Api.InitError();

        Assert.Equal(LambdaExitCode.InitFailed, exit);
        Assert.Equal("Initialization returned no handler.", initError.ErrorMessageInBody);
    }

    [Fact]
    public async Task RunAsync_WhenResponseIsRejectedWith413_ShouldPostErrorForTheSameInvocation()
    {
        await using var harness = new BootstrapHarness();
        harness.Api.RejectResponse("req-big", HttpStatusCode.RequestEntityTooLarge);
        harness.Api.Enqueue("req-big");
        harness.Api.Enqueue("req-after");

        var run = harness.Start(DelegateHandler.Sync(_ => new byte[1024]));
        var error = await harness.Api.ErrorFor("req-big");
        await harness.Api.ResponseFor("req-after");
        await harness.StopAsync(run);

        Assert.Equal(LambdaErrorTypes.ResponseSizeTooLarge, error.ErrorTypeHeader);
        Assert.Contains("413", error.ErrorMessageInBody, StringComparison.Ordinal);
        Assert.False(harness.Api.HasResponse("req-big"));
    }

    [Fact]
    public async Task RunAsync_WhenResponseIsRejectedWithOther4xx_ShouldPostResponseRejectedError()
    {
        await using var harness = new BootstrapHarness();
        harness.Api.RejectResponse("req-400", HttpStatusCode.BadRequest);
        harness.Api.Enqueue("req-400");

        var run = harness.Start(DelegateHandler.Sync(_ => "{}"u8.ToArray()));
        var error = await harness.Api.ErrorFor("req-400");
        await harness.StopAsync(run);

        Assert.Equal(LambdaErrorTypes.ResponseRejected, error.ErrorTypeHeader);
    }

    [Fact]
    public async Task RunAsync_WhenRuntimeApiIsUnreachable_ShouldRetryThenReturnRuntimeApiUnreachable()
    {
        var options = new LambdaBootstrapOptions
        {
            NextInvocationAttempts = 3,
            NextInvocationRetryDelay = TimeSpan.FromMilliseconds(5),
        };
        await using var harness = new BootstrapHarness(options: options, runtimeApi: $"127.0.0.1:{FreePort.Next()}");

        var exit = await harness.Start(DelegateHandler.Sync(_ => "{}"u8.ToArray())).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(LambdaExitCode.RuntimeApiUnreachable, exit);
        var lines = harness.LogLines();
        Assert.Equal(2, lines.Count(line => line.StringOrNull("level") == "Warning"));
        var critical = Assert.Single(lines, line => line.StringOrNull("level") == "Critical");
        Assert.Equal(3, critical.GetProperty("attempts").GetInt32());
        Assert.Equal("System.Net.Http.HttpRequestException", critical.GetProperty("exception").GetProperty("type").GetString());
    }

    [Fact]
    public async Task RunAsync_WhenCancelledWhileWaitingForNextInvocation_ShouldReturnStopped()
    {
        await using var harness = new BootstrapHarness();
        var run = harness.Start(DelegateHandler.Sync(_ => "{}"u8.ToArray()));
        while (harness.Api.NextRequests == 0)
        {
            await Task.Delay(10);
        }

        var exit = await harness.StopAsync(run);

        Assert.Equal(LambdaExitCode.Stopped, exit);
    }
}
