using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.State;

namespace IdcKmsGuard.Aws.Tests.State;

/// <summary>The event ledger on DynamoDB (moto over HTTP): claims, leases, tokens, the journal and its index.</summary>
public sealed class EventLedgerTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan KeepFor = TimeSpan.FromDays(2);
    private static readonly CancellationToken None = CancellationToken.None;
    private const string Key = "arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab";

    private static readonly EventJournal Journal = new("""{"id":"e1"}""", [new ScopeJournal(Key, "Disabled", [new Finding("KEY-ENABLED", Severity.Critical, "Found the key Disabled.")], [new JournaledChange("EnableKey", Key, ChangeStatus.Applied, "Enabled the key.")])]);

    [Fact]
    public async Task ClaimAsync_WhenEventIsNew_ShouldClaimItAsTheFirstAttempt()
    {
        using var table = await StateTestTable.CreateAsync();

        var claim = await table.Store.ClaimAsync("e1", LeaseFromNow(table), None);

        Assert.Equal(EventClaim.Claimed, claim.Status);
        Assert.Equal(1, claim.Attempt);
        Assert.Null(claim.Journal);
        Assert.NotNull(claim.Token);
    }

    [Fact]
    public async Task ClaimAsync_WhenEventWasCompleted_ShouldReturnAlreadyDone()
    {
        using var table = await StateTestTable.CreateAsync();
        await table.Store.CompleteAsync(await table.Store.ClaimAsync("e1", LeaseFromNow(table), None), new EventCompletion(KeepFor), None);
        table.Clock.Advance(Lease * 3);

        Assert.Equal(EventClaim.AlreadyDone, (await table.Store.ClaimAsync("e1", LeaseFromNow(table), None)).Status);
    }

    [Fact]
    public async Task ClaimAsync_WhenAnotherInvocationHoldsTheLease_ShouldReturnInProgress()
    {
        using var table = await StateTestTable.CreateAsync();
        var holdersLease = LeaseFromNow(table);
        await table.Store.ClaimAsync("e1", holdersLease, None);
        table.Clock.Advance(Lease - TimeSpan.FromSeconds(1));

        var held = await table.Store.ClaimAsync("e1", LeaseFromNow(table), None);

        // When the holder's lease ends is what lets the last delivery wait for a holder that died without giving it back.
        Assert.Equal((EventClaim.InProgress, holdersLease.ToUnixTimeMilliseconds()), (held.Status, held.HeldUntil?.ToUnixTimeMilliseconds()));
    }

    [Fact]
    public async Task ClaimAsync_WhenTheLeaseHasExpired_ShouldTakeItOverAsTheNextAttemptWithItsJournal()
    {
        using var table = await StateTestTable.CreateAsync();
        var crashed = await table.Store.ClaimAsync("e1", LeaseFromNow(table), None);
        await table.Store.SaveJournalAsync(crashed, Journal, Key, None);
        table.Clock.Advance(Lease + TimeSpan.FromSeconds(1));

        var next = await table.Store.ClaimAsync("e1", LeaseFromNow(table), None);

        Assert.Equal(EventClaim.Claimed, next.Status);
        Assert.Equal(2, next.Attempt);
        Assert.Equal(Journal.Scopes[0].Changes, next.Journal!.Scopes[0].Changes);
        Assert.Equal(Journal.Scopes[0].Findings, next.Journal.Scopes[0].Findings);
        Assert.Equal(EventClaim.InProgress, (await table.Store.ClaimAsync("e1", LeaseFromNow(table), None)).Status);
    }

    [Fact]
    public async Task ClaimAsync_WhenADeliveryFoundTheEventHeld_ShouldStillCountIt()
    {
        using var table = await StateTestTable.CreateAsync();
        await table.Store.ClaimAsync("e1", LeaseFromNow(table), None);
        var held = await table.Store.ClaimAsync("e1", LeaseFromNow(table), None);
        table.Clock.Advance(Lease + TimeSpan.FromSeconds(1));

        var third = await table.Store.ClaimAsync("e1", LeaseFromNow(table), None);

        Assert.Equal((EventClaim.InProgress, 2), (held.Status, held.Attempt));
        Assert.Equal((EventClaim.Claimed, 3), (third.Status, third.Attempt));
    }

    [Fact]
    public async Task ReleaseAsync_WhenAnAttemptFailed_ShouldLetTheRetryClaimAtOnceAndKeepTheJournal()
    {
        using var table = await StateTestTable.CreateAsync();
        var first = await table.Store.ClaimAsync("e1", LeaseFromNow(table), None);
        await table.Store.SaveJournalAsync(first, Journal, Key, None);

        await table.Store.ReleaseAsync(first, None);
        var retry = await table.Store.ClaimAsync("e1", LeaseFromNow(table), None);

        Assert.Equal((EventClaim.Claimed, 2), (retry.Status, retry.Attempt));
        Assert.Equal("Enabled the key.", retry.Journal!.Scopes[0].Changes[0].Detail);
    }

    [Fact]
    public async Task SaveJournalAsync_WhenAnotherInvocationTookTheEventOver_ShouldThrowClaimLost()
    {
        using var table = await StateTestTable.CreateAsync();
        var stale = await table.Store.ClaimAsync("e1", LeaseFromNow(table), None);
        table.Clock.Advance(Lease + TimeSpan.FromSeconds(1));
        var current = await table.Store.ClaimAsync("e1", LeaseFromNow(table), None);

        await Assert.ThrowsAsync<ClaimLostException>(() => table.Store.SaveJournalAsync(stale, Journal, Key, None));
        await Assert.ThrowsAsync<ClaimLostException>(() => table.Store.CompleteAsync(stale, new EventCompletion(KeepFor), None));
        await table.Store.ReleaseAsync(stale, None);
        await table.Store.CompleteAsync(current, new EventCompletion(KeepFor), None);

        Assert.Equal(EventClaim.AlreadyDone, (await table.Store.ClaimAsync("e1", LeaseFromNow(table), None)).Status);
    }

    [Fact]
    public async Task CompleteAsync_WhenCalled_ShouldDropTheJournalAndExpireTheRecordAfterKeepFor()
    {
        using var table = await StateTestTable.CreateAsync();
        var claim = await table.Store.ClaimAsync("e1", LeaseFromNow(table), None);
        await table.Store.SaveJournalAsync(claim, Journal, Key, None);
        table.Clock.Advance(TimeSpan.FromSeconds(30));

        await table.Store.CompleteAsync(claim, new EventCompletion(KeepFor), None);

        var item = await table.ItemAsync("event#e1");
        Assert.Equal("done", item["status"].S);
        Assert.Equal((StateTestTable.Start + TimeSpan.FromSeconds(30) + KeepFor).ToUnixTimeSeconds().ToString(), item["expiresAt"].N);
        Assert.DoesNotContain("leaseUntil", item.Keys);
        Assert.DoesNotContain("journal", item.Keys);
        Assert.DoesNotContain("outboxScope", item.Keys);
    }

    [Fact]
    public async Task UnfinishedAsync_WhenJournalsAreOpen_ShouldFindThemByScopeAndAllOfThem()
    {
        using var table = await StateTestTable.CreateAsync();
        var first = await table.Store.ClaimAsync("e1", LeaseFromNow(table), None);
        await table.Store.SaveJournalAsync(first, Journal, Key, None);
        var other = await table.Store.ClaimAsync("e2", LeaseFromNow(table), None);
        await table.Store.SaveJournalAsync(other, Journal, "arn:aws:sso:::instance/ssoins-1111222233334444", None);
        var finished = await table.Store.ClaimAsync("e3", LeaseFromNow(table), None);
        await table.Store.SaveJournalAsync(finished, Journal, Key, None);
        await table.Store.CompleteAsync(finished, new EventCompletion(KeepFor) { UnfinishedOn = [Key] }, None);
        await table.Store.ClaimAsync("e4", LeaseFromNow(table), None);

        Assert.Equal(["e1"], await table.Store.UnfinishedAsync(Key, None));
        Assert.Equal(["e1", "e2"], (await table.Store.UnfinishedAsync(null, None)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ClaimAsync_WhenTwentyInvocationsRace_ShouldClaimExactlyOnce()
    {
        using var table = await StateTestTable.CreateAsync();

        var claims = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => table.Store.ClaimAsync("e1", LeaseFromNow(table), None))));

        Assert.Single(claims, claim => claim.Status == EventClaim.Claimed);
        Assert.Equal(19, claims.Count(claim => claim.Status == EventClaim.InProgress));
    }

    [Fact]
    public async Task ClaimAsync_WhenTheAnswerToASuccessfulClaimIsLost_ShouldStillClaimItOnce()
    {
        using var table = await StateTestTable.CreateAsync();
        var (store, http, client) = table.StoreLosingFirstAnswer("UpdateItem");
        using var _ = client;

        var claim = await store.ClaimAsync("e1", LeaseFromNow(table), None);

        Assert.Equal((EventClaim.Claimed, 1), (claim.Status, claim.Attempt));
        Assert.Equal(1, http.Lost);
        Assert.Equal(EventClaim.InProgress, (await table.Store.ClaimAsync("e1", LeaseFromNow(table), None)).Status);
    }

    [Fact]
    public async Task CompleteAsync_WhenTheAnswerToASuccessfulCompletionIsLost_ShouldSucceed()
    {
        using var table = await StateTestTable.CreateAsync();
        var claim = await table.Store.ClaimAsync("e1", LeaseFromNow(table), None);
        var (store, http, client) = table.StoreLosingFirstAnswer("UpdateItem");
        using var _ = client;

        await store.CompleteAsync(claim, new EventCompletion(KeepFor), None);

        Assert.Equal(1, http.Lost);
        Assert.Equal(EventClaim.AlreadyDone, (await table.Store.ClaimAsync("e1", LeaseFromNow(table), None)).Status);
    }

    private static DateTimeOffset LeaseFromNow(StateTestTable table) => table.Clock.GetUtcNow() + Lease;
}
