using IdcKmsGuard.Core.Delivery;
using Microsoft.Extensions.Time.Testing;

namespace IdcKmsGuard.Core.Tests.Delivery;

/// <summary>The invocation's time: work stops early enough to clean up, and a claim outlives its holder only briefly.</summary>
public sealed class InvocationBudgetTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(60, 5)]
    [InlineData(12, 2)]
    [InlineData(3, 1)]
    public void Work_WhenTheReserveIsReached_ShouldStopWhileTheFinishTokenLives(int timeoutSeconds, int reserveSeconds)
    {
        var time = new FakeTimeProvider(Start);
        using var budget = InvocationBudget.Until(Start.AddSeconds(timeoutSeconds), time, CancellationToken.None);

        time.Advance(TimeSpan.FromSeconds(timeoutSeconds - reserveSeconds) - TimeSpan.FromMilliseconds(1));
        Assert.False(budget.Work.IsCancellationRequested);
        time.Advance(TimeSpan.FromMilliseconds(2));

        Assert.True(budget.Work.IsCancellationRequested);
        Assert.True(budget.WorkStopped);
        Assert.False(budget.Finish.IsCancellationRequested);
    }

    [Fact]
    public void ForLastAttempt_ShouldStopWorkOneReserveEarlierForTheReport()
    {
        var time = new FakeTimeProvider(Start);
        using var budget = InvocationBudget.Until(Start.AddSeconds(60), time, CancellationToken.None);
        using var last = budget.ForLastAttempt();

        time.Advance(TimeSpan.FromSeconds(50) - TimeSpan.FromMilliseconds(1));
        Assert.False(last.Work.IsCancellationRequested);
        time.Advance(TimeSpan.FromMilliseconds(2));

        Assert.True(last.Work.IsCancellationRequested);
        Assert.False(budget.Work.IsCancellationRequested);
        Assert.Equal(budget.LeaseUntil, last.LeaseUntil);
    }

    [Fact]
    public void LeaseUntil_ShouldEndShortlyAfterTheDeadlineAndBeforeLambdasFirstRetry()
    {
        var time = new FakeTimeProvider(Start);
        var deadline = Start.AddSeconds(60);
        using var budget = InvocationBudget.Until(deadline, time, CancellationToken.None);

        // Lambda kills the sandbox at the deadline and retries a failed event a minute after the failure at the
        // earliest: a retry that follows a killed attempt always finds the lease run out.
        Assert.Equal(deadline + InvocationBudget.LeaseSkew, budget.LeaseUntil);
        Assert.True(InvocationBudget.LeaseSkew > TimeSpan.Zero && InvocationBudget.LeaseSkew < TimeSpan.FromMinutes(1));
    }

    [Fact]
    public void Work_WhenTheRuntimeStops_ShouldStopToo()
    {
        using var runtime = new CancellationTokenSource();
        using var budget = InvocationBudget.Until(Start.AddSeconds(60), new FakeTimeProvider(Start), runtime.Token);

        runtime.Cancel();

        Assert.True(budget.Work.IsCancellationRequested);
        Assert.False(budget.WorkStopped);
    }

    [Fact]
    public void Unbounded_ShouldNeverStopAndLeaseLongerThanAnyInvocation()
    {
        var time = new FakeTimeProvider(Start);
        using var budget = InvocationBudget.Unbounded(time);

        time.Advance(TimeSpan.FromHours(1));

        Assert.False(budget.Work.IsCancellationRequested);
        Assert.Equal(time.GetUtcNow() + InvocationBudget.UnboundedLease, budget.LeaseUntil);
    }
}
