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
    public async Task SaveSweepMemoryAsync_WhenSavedTwice_ShouldKeepTheLatestPerScope()
    {
        using var table = await StateTestTable.CreateAsync();
        var first = new SweepMemory(Replica, "KEY-POLICY-HEALTHY", 1, StateTestTable.Start);
        var later = first with { Sweeps = 2 };
        var healthy = new SweepMemory("arn:aws:sso:::instance/ssoins-1111222233334444", string.Empty, 5, StateTestTable.Start.AddHours(-5));

        await table.Store.SaveSweepMemoryAsync(first, None);
        await table.Store.SaveSweepMemoryAsync(later, None);
        await table.Store.SaveSweepMemoryAsync(healthy, None);

        Assert.Equal(later, await table.Store.GetSweepMemoryAsync(Replica, None));
        Assert.Equal(healthy, await table.Store.GetSweepMemoryAsync(healthy.Scope, None));
    }
}
