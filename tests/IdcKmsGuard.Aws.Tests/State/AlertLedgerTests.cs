using IdcKmsGuard.Core.State;

namespace IdcKmsGuard.Aws.Tests.State;

/// <summary>Repeat suppression on DynamoDB: decided before publishing, recorded only after the alert went out.</summary>
public sealed class AlertLedgerTests
{
    private const string Alert = "key/1234|KEY-ENABLED|alerted";
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task DecideAsync_WhenSeenForTheFirstTime_ShouldSend()
    {
        using var table = await StateTestTable.CreateAsync();

        Assert.Equal(new AlertDecision(true, 0, null), await table.Store.DecideAsync(Alert, Window, None));
    }

    [Fact]
    public async Task DecideAsync_WhenThePublishOfTheLastDecisionNeverHappened_ShouldStillSend()
    {
        using var table = await StateTestTable.CreateAsync();
        await table.Store.DecideAsync(Alert, Window, None);

        Assert.True((await table.Store.DecideAsync(Alert, Window, None)).Send);
    }

    [Fact]
    public async Task DecideAsync_WhenSentWithinTheWindow_ShouldSuppressAndReportTheRepeatsCounted()
    {
        using var table = await StateTestTable.CreateAsync();
        await table.Store.RecordSentAsync(Alert, Window, None);
        table.Clock.Advance(TimeSpan.FromMinutes(10));
        await table.Store.CountRepeatAsync(Alert, Window, None);
        await table.Store.CountRepeatAsync(Alert, Window, None);

        Assert.Equal(new AlertDecision(false, 2, StateTestTable.Start), await table.Store.DecideAsync(Alert, Window, None));
    }

    [Fact]
    public async Task RecordSentAsync_AfterTheWindow_ShouldSendWithTheRepeatsAndStartCountingAgain()
    {
        using var table = await StateTestTable.CreateAsync();
        await table.Store.RecordSentAsync(Alert, Window, None);
        await table.Store.CountRepeatAsync(Alert, Window, None);
        table.Clock.Advance(Window);
        var sentAgainAt = table.Clock.GetUtcNow();

        var decision = await table.Store.DecideAsync(Alert, Window, None);
        await table.Store.RecordSentAsync(Alert, Window, None);

        Assert.Equal(new AlertDecision(true, 1, StateTestTable.Start), decision);
        Assert.Equal(new AlertDecision(false, 0, sentAgainAt), await table.Store.DecideAsync(Alert, Window, None));
    }

    [Fact]
    public async Task CountRepeatAsync_WhenTheWindowClosedMeanwhile_ShouldNotCount()
    {
        using var table = await StateTestTable.CreateAsync();
        await table.Store.RecordSentAsync(Alert, Window, None);
        table.Clock.Advance(Window + TimeSpan.FromSeconds(1));

        await table.Store.CountRepeatAsync(Alert, Window, None);

        Assert.Equal(new AlertDecision(true, 0, StateTestTable.Start), await table.Store.DecideAsync(Alert, Window, None));
    }

    [Fact]
    public async Task DecideAsync_WhenKeysDiffer_ShouldDecideForEachAlone()
    {
        using var table = await StateTestTable.CreateAsync();
        await table.Store.RecordSentAsync(Alert, Window, None);

        Assert.True((await table.Store.DecideAsync(Alert + "-other", Window, None)).Send);
    }

    [Fact]
    public async Task RecordSentAsync_WhenCalled_ShouldLetTheRecordExpireWellAfterTheWindow()
    {
        using var table = await StateTestTable.CreateAsync();

        await table.Store.RecordSentAsync(Alert, Window, None);

        var expiresAt = long.Parse((await table.ItemAsync("alert#" + Alert))["expiresAt"].N);
        Assert.Equal((StateTestTable.Start + TimeSpan.FromDays(1)).ToUnixTimeSeconds(), expiresAt);
    }

    [Fact]
    public async Task RecordSentAsync_WhenTheAnswerIsLostAndTheSdkResendsIt_ShouldRecordOneSend()
    {
        using var table = await StateTestTable.CreateAsync();
        var (store, http, client) = table.StoreLosingFirstAnswer("UpdateItem");
        using var _ = client;

        await store.RecordSentAsync(Alert, Window, None);

        Assert.Equal(1, http.Lost);
        Assert.Equal(new AlertDecision(false, 0, StateTestTable.Start), await table.Store.DecideAsync(Alert, Window, None));
    }
}
