using System.Text;
using IdcKmsGuard.Lambda.Runtime.Tests.Fakes;

namespace IdcKmsGuard.Lambda.Runtime.Tests;

public sealed class LambdaBootstrapTests
{
    [Fact]
    public async Task RunAsync_WhenHandlerSucceeds_ShouldPostResponseBody()
    {
        await using var harness = new BootstrapHarness();
        harness.Api.Enqueue("req-1", payload: """{"keyId":"k-1"}""");
        var handler = DelegateHandler.Sync(invocation =>
            Encoding.UTF8.GetBytes("echo:" + Encoding.UTF8.GetString(invocation.Payload.Span)));

        var run = harness.Start(handler);
        var response = await harness.Api.ResponseFor("req-1");
        var exit = await harness.StopAsync(run);

        Assert.Equal("""echo:{"keyId":"k-1"}""", response.Body);
        Assert.Equal(LambdaExitCode.Stopped, exit);
    }

    [Fact]
    public async Task RunAsync_WhenInvocationArrives_ShouldGiveHandlerTheRuntimeApiHeaders()
    {
        await using var harness = new BootstrapHarness();
        var deadline = DateTimeOffset.FromUnixTimeMilliseconds(TimeProvider.System.GetUtcNow().AddMinutes(3).ToUnixTimeMilliseconds());
        harness.Api.Enqueue("req-headers", deadline: deadline, traceId: "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1");
        LambdaInvocation? seen = null;

        var run = harness.Start(DelegateHandler.Sync(invocation =>
        {
            seen = invocation;
            return "{}"u8.ToArray();
        }));
        await harness.Api.ResponseFor("req-headers");
        await harness.StopAsync(run);

        Assert.NotNull(seen);
        Assert.Equal("req-headers", seen.RequestId);
        Assert.Equal(deadline, seen.Deadline);
        Assert.Equal(FakeRuntimeApi.FunctionArn, seen.InvokedFunctionArn);
        Assert.Equal("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1", seen.TraceId);
    }

    [Fact]
    public async Task RunAsync_WhenInvocationHasTraceId_ShouldSetTraceEnvironmentVariableDuringHandler()
    {
        await using var harness = new BootstrapHarness();
        harness.Api.Enqueue("req-trace", traceId: "Root=1-aaaa-bbbb;Parent=cc;Sampled=0");
        string? duringHandler = null;

        var run = harness.Start(DelegateHandler.Sync(_ =>
        {
            duringHandler = harness.Environment.GetVariable(EnvironmentVariableNames.TraceId);
            return "{}"u8.ToArray();
        }));
        await harness.Api.ResponseFor("req-trace");
        await harness.StopAsync(run);

        Assert.Equal("Root=1-aaaa-bbbb;Parent=cc;Sampled=0", duringHandler);
    }

    [Fact]
    public async Task RunAsync_WhenHandlerThrows_ShouldPostErrorWithTypeAndHeaderAndServeNextInvocation()
    {
        await using var harness = new BootstrapHarness();
        harness.Api.Enqueue("req-bad");
        harness.Api.Enqueue("req-good");
        var handler = DelegateHandler.Sync(invocation => invocation.RequestId == "req-bad"
            ? throw new InvalidOperationException("the key policy is gone")
            : "ok"u8.ToArray());

        var run = harness.Start(handler);
        var error = await harness.Api.ErrorFor("req-bad");
        var response = await harness.Api.ResponseFor("req-good");
        await harness.StopAsync(run);

        Assert.Equal("InvalidOperationException", error.ErrorTypeHeader);
        Assert.Equal("InvalidOperationException", error.ErrorTypeInBody);
        Assert.Equal("the key policy is gone", error.ErrorMessageInBody);
        Assert.Equal(0, error.Json().RootElement.GetProperty("stackTrace").GetArrayLength());
        Assert.Equal("ok", response.Body);
    }

    [Fact]
    public async Task RunAsync_WhenExceptionCarriesErrorType_ShouldPostThatErrorType()
    {
        await using var harness = new BootstrapHarness();
        harness.Api.Enqueue("req-typed");

        var run = harness.Start(DelegateHandler.Sync(_ => throw new CustomTypedException("cannot read policy")));
        var error = await harness.Api.ErrorFor("req-typed");
        await harness.StopAsync(run);

        Assert.Equal("Guard.KeyPolicyUnreadable", error.ErrorTypeHeader);
        Assert.Equal("Guard.KeyPolicyUnreadable", error.ErrorTypeInBody);
    }
}
