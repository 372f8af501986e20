using IdcKmsGuard.Lambda.Runtime.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace IdcKmsGuard.Lambda.Runtime.Tests;

public sealed class LambdaBootstrapDeadlineTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task RunAsync_WhenDeadlineApproaches_ShouldCancelHandlerTokenBeforeDeadlineAndPostError()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
        await using var harness = new BootstrapHarness(time);
        var deadline = time.GetUtcNow() + Budget;
        harness.Api.Enqueue("req-slow", deadline: deadline);
        var started = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        DateTimeOffset? cancelledAt = null;
        var handler = new DelegateHandler(async (_, token) =>
        {
            token.Register(() => cancelledAt = time.GetUtcNow());
            started.SetResult(token);
            await Task.Delay(Timeout.Infinite, token);
            return "{}"u8.ToArray();
        });

        var run = harness.Start(handler);
        var token = await started.Task.WaitAsync(TimeSpan.FromSeconds(20));
        time.Advance(TimeSpan.FromMilliseconds(2650));
        var cancelledEarly = token.IsCancellationRequested;
        time.Advance(TimeSpan.FromMilliseconds(50));
        var error = await harness.Api.ErrorFor("req-slow");
        var exit = await harness.StopAsync(run);

        // 3 s budget: the margin is a tenth (300 ms), below the 500 ms default.
        Assert.False(cancelledEarly);
        Assert.Equal(deadline - TimeSpan.FromMilliseconds(300), cancelledAt);
        Assert.Equal(LambdaErrorTypes.DeadlineExceeded, error.ErrorTypeHeader);
        Assert.Equal(LambdaExitCode.Stopped, exit);
    }

    [Fact]
    public async Task RunAsync_WhenBudgetIsLong_ShouldUseTheConfiguredMargin()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
        await using var harness = new BootstrapHarness(time);
        var deadline = time.GetUtcNow() + TimeSpan.FromSeconds(60);
        harness.Api.Enqueue("req-long", deadline: deadline);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        DateTimeOffset? cancelledAt = null;
        var handler = new DelegateHandler(async (_, token) =>
        {
            token.Register(() => cancelledAt = time.GetUtcNow());
            started.SetResult();
            await Task.Delay(Timeout.Infinite, token);
            return "{}"u8.ToArray();
        });

        var run = harness.Start(handler);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(20));
        time.Advance(TimeSpan.FromSeconds(59.5));
        await harness.Api.ErrorFor("req-long");
        await harness.StopAsync(run);

        Assert.Equal(deadline - TimeSpan.FromMilliseconds(500), cancelledAt);
    }

    [Fact]
    public async Task RunAsync_WhenHandlerIgnoresCancellation_ShouldPostErrorAndReturnHandlerDidNotStop()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
        await using var harness = new BootstrapHarness(time);
        harness.Api.Enqueue("req-stuck", deadline: time.GetUtcNow() + Budget);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var neverEnds = new TaskCompletionSource<ReadOnlyMemory<byte>>();
        var handler = new DelegateHandler((_, _) =>
        {
            started.SetResult();
            return neverEnds.Task;
        });

        var run = harness.Start(handler);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(20));
        time.Advance(TimeSpan.FromMilliseconds(2700));
        time.Advance(TimeSpan.FromMilliseconds(150));
        var error = await harness.Api.ErrorFor("req-stuck");
        var exit = await run.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(LambdaErrorTypes.HandlerDidNotStop, error.ErrorTypeHeader);
        Assert.Equal(LambdaExitCode.HandlerDidNotStop, exit);
        neverEnds.SetResult("{}"u8.ToArray());
    }

    [Fact]
    public async Task RunAsync_WhenStoppedDuringInvocation_ShouldCancelHandlerAndReportShutdown()
    {
        await using var harness = new BootstrapHarness();
        harness.Api.Enqueue("req-stopping");
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new DelegateHandler(async (_, token) =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, token);
            return "{}"u8.ToArray();
        });

        var run = harness.Start(handler);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(20));
        var exit = await harness.StopAsync(run);
        var error = await harness.Api.ErrorFor("req-stopping");

        Assert.Equal(LambdaExitCode.Stopped, exit);
        Assert.Equal(LambdaErrorTypes.Shutdown, error.ErrorTypeHeader);
    }
}
