using IdcKmsGuard.Core.State;

namespace IdcKmsGuard.Aws.Tests.State;

public sealed class EventClaimTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan KeepFor = TimeSpan.FromDays(2);
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task ClaimEventAsync_WhenEventIsNew_ShouldClaimIt()
    {
        using var table = await StateTestTable.CreateAsync();

        Assert.Equal(EventClaim.Claimed, await table.Store.ClaimEventAsync("e1", Lease, None));
    }

    [Fact]
    public async Task ClaimEventAsync_WhenEventWasCompleted_ShouldReturnAlreadyDone()
    {
        using var table = await StateTestTable.CreateAsync();
        await table.Store.ClaimEventAsync("e1", Lease, None);
        await table.Store.CompleteEventAsync("e1", KeepFor, None);
        table.Clock.Advance(Lease * 3);

        Assert.Equal(EventClaim.AlreadyDone, await table.Store.ClaimEventAsync("e1", Lease, None));
    }

    [Fact]
    public async Task ClaimEventAsync_WhenAnotherInvocationHoldsTheLease_ShouldReturnInProgress()
    {
        using var table = await StateTestTable.CreateAsync();
        await table.Store.ClaimEventAsync("e1", Lease, None);
        table.Clock.Advance(Lease - TimeSpan.FromSeconds(1));

        Assert.Equal(EventClaim.InProgress, await table.Store.ClaimEventAsync("e1", Lease, None));
    }

    [Fact]
    public async Task ClaimEventAsync_WhenTheLeaseHasExpired_ShouldClaimItAgain()
    {
        using var table = await StateTestTable.CreateAsync();
        await table.Store.ClaimEventAsync("e1", Lease, None);
        table.Clock.Advance(Lease + TimeSpan.FromSeconds(1));

        Assert.Equal(EventClaim.Claimed, await table.Store.ClaimEventAsync("e1", Lease, None));
        Assert.Equal(EventClaim.InProgress, await table.Store.ClaimEventAsync("e1", Lease, None));
    }

    [Fact]
    public async Task ClaimEventAsync_WhenTheClaimWasReleased_ShouldClaimItAgain()
    {
        using var table = await StateTestTable.CreateAsync();
        await table.Store.ClaimEventAsync("e1", Lease, None);
        await table.Store.ReleaseEventAsync("e1", None);

        Assert.Equal(EventClaim.Claimed, await table.Store.ClaimEventAsync("e1", Lease, None));
    }

    [Fact]
    public async Task ReleaseEventAsync_WhenEventIsDone_ShouldKeepItDone()
    {
        using var table = await StateTestTable.CreateAsync();
        await table.Store.ClaimEventAsync("e1", Lease, None);
        await table.Store.CompleteEventAsync("e1", KeepFor, None);

        await table.Store.ReleaseEventAsync("e1", None);
        await table.Store.ReleaseEventAsync("never-claimed", None);

        Assert.Equal(EventClaim.AlreadyDone, await table.Store.ClaimEventAsync("e1", Lease, None));
    }

    [Fact]
    public async Task CompleteEventAsync_WhenCalled_ShouldExpireTheRecordAfterKeepFor()
    {
        using var table = await StateTestTable.CreateAsync();
        await table.Store.ClaimEventAsync("e1", Lease, None);
        table.Clock.Advance(TimeSpan.FromSeconds(30));

        await table.Store.CompleteEventAsync("e1", KeepFor, None);

        var item = await table.ItemAsync("event#e1");
        Assert.Equal("done", item["status"].S);
        Assert.Equal((StateTestTable.Start + TimeSpan.FromSeconds(30) + KeepFor).ToUnixTimeSeconds().ToString(), item["expiresAt"].N);
        Assert.False(item.ContainsKey("leaseUntil"));
    }

    [Fact]
    public async Task ClaimEventAsync_WhenTwentyInvocationsRace_ShouldClaimExactlyOnce()
    {
        using var table = await StateTestTable.CreateAsync();

        var claims = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => table.Store.ClaimEventAsync("e1", Lease, None))));

        Assert.Single(claims, EventClaim.Claimed);
        Assert.Equal(19, claims.Count(claim => claim == EventClaim.InProgress));
    }

    [Fact]
    public async Task ClaimEventAsync_WhenTheAnswerToASuccessfulClaimIsLost_ShouldStillClaimIt()
    {
        using var table = await StateTestTable.CreateAsync();
        var (store, http, client) = table.StoreLosingFirstAnswer("PutItem");
        using var _ = client;

        Assert.Equal(EventClaim.Claimed, await store.ClaimEventAsync("e1", Lease, None));
        Assert.Equal(1, http.Lost);
        Assert.Equal(EventClaim.InProgress, await table.Store.ClaimEventAsync("e1", Lease, None));
    }
}
