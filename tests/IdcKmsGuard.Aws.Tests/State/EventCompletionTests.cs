using IdcKmsGuard.Core.State;

namespace IdcKmsGuard.Aws.Tests.State;

/// <summary>An event's completion on DynamoDB (moto over HTTP) with the alerts it sent: one transaction, all or nothing.</summary>
public sealed class EventCompletionTests
{
    private const string Disabled = "key/1234|KEY-ENABLED|fixed";
    private const string Policy = "key/1234|KEY-POLICY|fixed";
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly EventCompletion WithTwoAlerts = new(TimeSpan.FromDays(2))
    {
        AlertsSent = [new AlertSent(Disabled, Window), new AlertSent(Policy, Window)],
    };

    [Fact]
    public async Task CompleteAsync_WithAlertsSent_ShouldRecordEachWithTheCompletion()
    {
        using var table = await StateTestTable.CreateAsync();
        var claim = await table.Store.ClaimAsync("e1", LeaseFromNow(table), None);

        await table.Store.CompleteAsync(claim, WithTwoAlerts, None);

        Assert.Equal(EventClaim.AlreadyDone, (await table.Store.ClaimAsync("e1", LeaseFromNow(table), None)).Status);
        Assert.Equal(new AlertDecision(false, 0, StateTestTable.Start), await table.Store.DecideAsync(Disabled, Window, None));
        Assert.Equal(new AlertDecision(false, 0, StateTestTable.Start), await table.Store.DecideAsync(Policy, Window, None));
    }

    [Fact]
    public async Task CompleteAsync_WithAlertsSent_WhenTheClaimWasLost_ShouldRecordNothing()
    {
        using var table = await StateTestTable.CreateAsync();
        var stale = await table.Store.ClaimAsync("e1", LeaseFromNow(table), None);
        table.Clock.Advance(Lease + TimeSpan.FromSeconds(1));
        await table.Store.ClaimAsync("e1", LeaseFromNow(table), None);

        await Assert.ThrowsAsync<ClaimLostException>(() => table.Store.CompleteAsync(stale, WithTwoAlerts, None));

        Assert.True((await table.Store.DecideAsync(Disabled, Window, None)).Send);
        Assert.Equal("processing", (await table.ItemAsync("event#e1"))["status"].S);
    }

    [Fact]
    public async Task CompleteAsync_WithAlertsSent_WhenTheAnswerIsLostAndTheSdkResendsIt_ShouldSucceed()
    {
        using var table = await StateTestTable.CreateAsync();
        var claim = await table.Store.ClaimAsync("e1", LeaseFromNow(table), None);
        var (store, http, client) = table.StoreLosingFirstAnswer("TransactWriteItems");
        using var _ = client;

        await store.CompleteAsync(claim, WithTwoAlerts, None);

        Assert.Equal(1, http.Lost);
        Assert.Equal(EventClaim.AlreadyDone, (await table.Store.ClaimAsync("e1", LeaseFromNow(table), None)).Status);
        Assert.False((await table.Store.DecideAsync(Disabled, Window, None)).Send);
    }

    [Fact]
    public async Task CompleteAsync_WithMoreAlertsAndScopesThanATransactionHolds_ShouldRecordAndClearEveryOne()
    {
        using var table = await StateTestTable.CreateAsync();
        var claim = await table.Store.ClaimAsync("e1", LeaseFromNow(table), None);
        var keys = Enumerable.Range(0, 130).Select(i => $"key/{i}|KEY-ENABLED|alerted").ToList();
        var scopes = Enumerable.Range(0, 90).Select(i => $"arn:aws:kms:us-east-1:111122223333:key/{i:D8}-0000-0000-0000-000000000000").ToList();
        foreach (var scope in scopes)
        {
            await table.Store.SaveJournalAsync(claim, new EventJournal(null, []), scope, None);
        }

        var completion = new EventCompletion(TimeSpan.FromDays(2)) { AlertsSent = [.. keys.Select(k => new AlertSent(k, Window))], UnfinishedOn = scopes };
        await table.Store.CompleteAsync(claim, completion, None);

        foreach (var key in keys)
        {
            Assert.False((await table.Store.DecideAsync(key, Window, None)).Send, key);
        }

        foreach (var scope in scopes)
        {
            Assert.Empty(await table.Store.UnfinishedAsync(scope, None));
        }
    }

    private static DateTimeOffset LeaseFromNow(StateTestTable table) => table.Clock.GetUtcNow() + Lease;
}
