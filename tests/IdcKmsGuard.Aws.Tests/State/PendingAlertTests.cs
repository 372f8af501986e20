namespace IdcKmsGuard.Aws.Tests.State;

public sealed class PendingAlertTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task TakePendingAlertAsync_WhenAnAlertWasSaved_ShouldReturnItOnceAndRemoveIt()
    {
        using var table = await StateTestTable.CreateAsync();
        await table.Store.SavePendingAlertAsync("evt-1", """{"Subject":"s"}""", TimeSpan.FromHours(48), None);

        var first = await table.Store.TakePendingAlertAsync("evt-1", None);
        var second = await table.Store.TakePendingAlertAsync("evt-1", None);

        Assert.Equal("""{"Subject":"s"}""", first);
        Assert.Null(second);
    }

    [Fact]
    public async Task TakePendingAlertAsync_WhenNothingIsPending_ShouldReturnNull()
    {
        using var table = await StateTestTable.CreateAsync();

        Assert.Null(await table.Store.TakePendingAlertAsync("evt-none", None));
    }

    [Fact]
    public async Task TakePendingAlertAsync_WhenTwoRetriesRace_ShouldGiveTheAlertToOnlyOne()
    {
        using var table = await StateTestTable.CreateAsync();
        await table.Store.SavePendingAlertAsync("evt-2", "{}", TimeSpan.FromHours(48), None);

        var taken = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => table.Store.TakePendingAlertAsync("evt-2", None)));

        Assert.Single(taken, t => t is not null);
    }
}
