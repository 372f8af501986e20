using IdcKmsGuard.Core.State;

namespace IdcKmsGuard.Aws.Tests.State;

/// <summary>The sweep's memory per scope in the state table on the stand-in.</summary>
public sealed class SweepMemoryTests
{
    private const string Replica = "arn:aws:kms:eu-west-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab";
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task GetSweepMemoryAsync_BeforeTheFirstSweep_ShouldReturnNull()
    {
        using var table = await StateTestTable.CreateAsync();

        Assert.Null(await table.Store.GetSweepMemoryAsync(Replica, None));
    }

    [Fact]
    public async Task SaveSweepMemoryAsync_WhenEachWriteNamesWhatItRead_ShouldKeepTheLatestPerScope()
    {
        using var table = await StateTestTable.CreateAsync();
        var first = new SweepMemory(Replica, "KEY-POLICY-HEALTHY", 1, StateTestTable.Start);
        var later = first with { Sweeps = 2 };
        var healthy = new SweepMemory("arn:aws:sso:::instance/ssoins-1111222233334444", string.Empty, 5, StateTestTable.Start.AddHours(-5));

        Assert.True(await table.Store.SaveSweepMemoryAsync(first, null, None));
        Assert.True(await table.Store.SaveSweepMemoryAsync(later, first, None));
        Assert.True(await table.Store.SaveSweepMemoryAsync(healthy, null, None));

        Assert.Equal(later, await table.Store.GetSweepMemoryAsync(Replica, None));
        Assert.Equal(healthy, await table.Store.GetSweepMemoryAsync(healthy.Scope, None));
    }

    // An event and the sweep judged the same key at once: the second writer read a memory that is gone.
    [Fact]
    public async Task SaveSweepMemoryAsync_WhenAnotherInvocationWroteFirst_ShouldRefuseAndKeepTheirs()
    {
        using var table = await StateTestTable.CreateAsync();
        var sweep = new SweepMemory(Replica, "KEY-ROTATION", 1, StateTestTable.Start);
        var eventAlert = new SweepMemory(Replica, "KEY-ENABLED", 1, StateTestTable.Start);
        Assert.True(await table.Store.SaveSweepMemoryAsync(sweep, null, None));

        var staleFirstWrite = await table.Store.SaveSweepMemoryAsync(eventAlert, null, None);
        var staleUpdate = await table.Store.SaveSweepMemoryAsync(eventAlert, sweep with { Sweeps = 7 }, None);

        Assert.False(staleFirstWrite);
        Assert.False(staleUpdate);
        Assert.Equal(sweep, await table.Store.GetSweepMemoryAsync(Replica, None));
    }
}
