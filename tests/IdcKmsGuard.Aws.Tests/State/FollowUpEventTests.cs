namespace IdcKmsGuard.Aws.Tests.State;

public sealed class FollowUpEventTests
{
    private const string EventJson = """{"id": "event-1", "detail-type": "AWS API Call via CloudTrail", "detail": {"eventName": "UpdateInstance"}}""";
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task FindFollowUpEventAsync_WhenKept_ShouldReturnTheEventAsReceived()
    {
        using var table = await StateTestTable.CreateAsync();

        await table.Store.KeepFollowUpEventAsync("event-1", EventJson, StateTestTable.Start.AddDays(1), None);

        Assert.Equal(EventJson, await table.Store.FindFollowUpEventAsync("event-1", None));
        Assert.Null(await table.Store.FindFollowUpEventAsync("event-2", None));
    }

    // TTL deletes late; the guard never takes an event past its time.
    [Fact]
    public async Task FindFollowUpEventAsync_WhenPastItsTimeButNotYetDeleted_ShouldReturnNull()
    {
        using var table = await StateTestTable.CreateAsync();
        await table.Store.KeepFollowUpEventAsync("event-1", EventJson, StateTestTable.Start.AddHours(1), None);

        table.Clock.Advance(TimeSpan.FromHours(2));

        Assert.Null(await table.Store.FindFollowUpEventAsync("event-1", None));
    }
}
