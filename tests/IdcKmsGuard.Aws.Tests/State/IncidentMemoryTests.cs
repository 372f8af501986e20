using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.Rules;
using IdcKmsGuard.Core.State;

namespace IdcKmsGuard.Aws.Tests.State;

/// <summary>The incident memory per scope (open findings, written by the sweep and by events) in the state table on the stand-in.</summary>
public sealed class IncidentMemoryTests
{
    private static readonly IncidentScope Replica = IncidentScope.ForKey(KeyArn.Parse("arn:aws:kms:eu-west-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab"));
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task GetIncidentMemoryAsync_BeforeTheFirstSweep_ShouldReturnNull()
    {
        using var table = await StateTestTable.CreateAsync();

        Assert.Null(await table.Store.GetIncidentMemoryAsync(Replica, None));
    }

    [Fact]
    public async Task SaveIncidentMemoryAsync_WhenEachWriteNamesWhatItRead_ShouldKeepTheLatestPerScope()
    {
        using var table = await StateTestTable.CreateAsync();
        var first = new IncidentMemory(Replica, RuleSet.Parse("KEY-POLICY-HEALTHY"), 1, StateTestTable.Start);
        var later = first with { Sweeps = 2 };
        var healthy = new IncidentMemory(IncidentScope.ForInstance("arn:aws:sso:::instance/ssoins-1111222233334444"), RuleSet.Empty, 5, StateTestTable.Start.AddHours(-5));

        Assert.True(await table.Store.SaveIncidentMemoryAsync(first, null, None));
        Assert.True(await table.Store.SaveIncidentMemoryAsync(later, first, None));
        Assert.True(await table.Store.SaveIncidentMemoryAsync(healthy, null, None));

        Assert.Equal(later, await table.Store.GetIncidentMemoryAsync(Replica, None));
        Assert.Equal(healthy, await table.Store.GetIncidentMemoryAsync(healthy.Scope, None));
    }

    // An event and the sweep judged the same key at once: the second writer read a memory that is gone.
    [Fact]
    public async Task SaveIncidentMemoryAsync_WhenAnotherInvocationWroteFirst_ShouldRefuseAndKeepTheirs()
    {
        using var table = await StateTestTable.CreateAsync();
        var sweep = new IncidentMemory(Replica, RuleSet.Parse("KEY-ROTATION"), 1, StateTestTable.Start);
        var eventAlert = new IncidentMemory(Replica, RuleSet.Parse("KEY-ENABLED"), 1, StateTestTable.Start);
        Assert.True(await table.Store.SaveIncidentMemoryAsync(sweep, null, None));

        var staleFirstWrite = await table.Store.SaveIncidentMemoryAsync(eventAlert, null, None);
        var staleUpdate = await table.Store.SaveIncidentMemoryAsync(eventAlert, sweep with { Sweeps = 7 }, None);

        Assert.False(staleFirstWrite);
        Assert.False(staleUpdate);
        Assert.Equal(sweep, await table.Store.GetIncidentMemoryAsync(Replica, None));
    }
}
