using IdcKmsGuard.Core.State;

namespace IdcKmsGuard.Aws.Tests.State;

public sealed class AlertDecisionTests
{
    private const string Alert = "key/1234|KEY-ENABLED|fixed";
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task RegisterAlertAsync_WhenSeenForTheFirstTime_ShouldSend()
    {
        using var table = await StateTestTable.CreateAsync();

        Assert.Equal(new AlertDecision(true, 0, null), await table.Store.RegisterAlertAsync(Alert, Window, None));
    }

    [Fact]
    public async Task RegisterAlertAsync_WhenRepeatedWithinTheWindow_ShouldSuppressAndCount()
    {
        using var table = await StateTestTable.CreateAsync();
        await table.Store.RegisterAlertAsync(Alert, Window, None);
        table.Clock.Advance(TimeSpan.FromMinutes(10));
        var first = await table.Store.RegisterAlertAsync(Alert, Window, None);
        table.Clock.Advance(Window - TimeSpan.FromMinutes(11));

        var second = await table.Store.RegisterAlertAsync(Alert, Window, None);

        Assert.Equal(new AlertDecision(false, 1, StateTestTable.Start), first);
        Assert.Equal(new AlertDecision(false, 2, StateTestTable.Start), second);
    }

    [Fact]
    public async Task RegisterAlertAsync_AfterTheWindow_ShouldSendWithTheRepeatsSuppressed()
    {
        using var table = await StateTestTable.CreateAsync();
        await table.Store.RegisterAlertAsync(Alert, Window, None);
        await table.Store.RegisterAlertAsync(Alert, Window, None);
        await table.Store.RegisterAlertAsync(Alert, Window, None);
        table.Clock.Advance(Window);
        var sentAgainAt = table.Clock.GetUtcNow();

        var sent = await table.Store.RegisterAlertAsync(Alert, Window, None);
        var repeat = await table.Store.RegisterAlertAsync(Alert, Window, None);

        Assert.Equal(new AlertDecision(true, 2, StateTestTable.Start), sent);
        Assert.Equal(new AlertDecision(false, 1, sentAgainAt), repeat);
    }

    [Fact]
    public async Task RegisterAlertAsync_WhenKeysDiffer_ShouldDecideForEachAlone()
    {
        using var table = await StateTestTable.CreateAsync();
        await table.Store.RegisterAlertAsync(Alert, Window, None);

        Assert.True((await table.Store.RegisterAlertAsync(Alert + "-other", Window, None)).Send);
    }

    [Fact]
    public async Task RegisterAlertAsync_WhenCalled_ShouldLetTheRecordExpireWellAfterTheWindow()
    {
        using var table = await StateTestTable.CreateAsync();

        await table.Store.RegisterAlertAsync(Alert, Window, None);

        var expiresAt = long.Parse((await table.ItemAsync("alert#" + Alert))["expiresAt"].N);
        Assert.Equal((StateTestTable.Start + TimeSpan.FromDays(1)).ToUnixTimeSeconds(), expiresAt);
    }

    [Fact]
    public async Task RegisterAlertAsync_WhenTwentyInvocationsRace_ShouldSendExactlyOnce()
    {
        using var table = await StateTestTable.CreateAsync();

        var decisions = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => table.Store.RegisterAlertAsync(Alert, Window, None))));

        Assert.Single(decisions, decision => decision.Send);

        // The counter is an increment: when the SDK retries a count whose answer was lost under load, that repeat
        // is counted twice. Sending exactly once is the guarantee; the count may run one over.
        var counts = decisions.Where(decision => !decision.Send).Select(decision => decision.SuppressedSinceLastSent).Order().ToList();
        Assert.Equal(counts.Count, counts.Distinct().Count());
        Assert.InRange(counts[^1], 19, 21);
        table.Clock.Advance(Window);
        var next = await table.Store.RegisterAlertAsync(Alert, Window, None);
        Assert.True(next.Send);
        Assert.Equal(counts[^1], next.SuppressedSinceLastSent);
    }

    [Fact]
    public async Task RegisterAlertAsync_WhenTheAnswerToASendIsLost_ShouldStillSend()
    {
        using var table = await StateTestTable.CreateAsync();
        await table.Store.RegisterAlertAsync(Alert, Window, None);
        await table.Store.RegisterAlertAsync(Alert, Window, None);
        table.Clock.Advance(Window);
        var (store, http, client) = table.StoreLosingFirstAnswer("UpdateItem");
        using var _ = client;

        var decision = await store.RegisterAlertAsync(Alert, Window, None);

        Assert.Equal(1, http.Lost);
        Assert.Equal(new AlertDecision(true, 1, StateTestTable.Start), decision);
    }
}
