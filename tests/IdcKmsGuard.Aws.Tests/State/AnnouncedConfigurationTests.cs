using IdcKmsGuard.Core.State;

namespace IdcKmsGuard.Aws.Tests.State;

/// <summary>The configuration version announced last, on the state table (moto over HTTP): a later write wins, whatever
/// its version number, once the source says when it wrote each.</summary>
public sealed class AnnouncedConfigurationTests
{
    private const string Source = "ssm:/idckmsguard/configuration";
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task SaveAnnouncedAsync_WhenTheParameterWasCreatedAgain_ShouldKeepTheLaterWriteThoughItsVersionIsLower()
    {
        using var table = await StateTestTable.CreateAsync();
        var five = Announced("5", minutes: 0);
        var recreated = Announced("1", minutes: 10);

        await table.Store.SaveAnnouncedAsync(five, None);
        await table.Store.SaveAnnouncedAsync(recreated, None);
        await table.Store.SaveAnnouncedAsync(Announced("4", minutes: 5), None);

        Assert.Equal(recreated, await table.Store.LastAnnouncedAsync(Source, None));
    }

    // Kept by a version of the guard that did not record when SSM wrote it: the first write that says replaces it.
    [Fact]
    public async Task SaveAnnouncedAsync_OverAnItemWithoutAWriteTime_ShouldReplaceIt()
    {
        using var table = await StateTestTable.CreateAsync();
        await table.Store.SaveAnnouncedAsync(Announced("5", minutes: null), None);

        await table.Store.SaveAnnouncedAsync(Announced("1", minutes: 10), None);

        Assert.Equal("1", (await table.Store.LastAnnouncedAsync(Source, None))!.Version);
    }

    [Fact]
    public async Task SaveAnnouncedAsync_WithoutWriteTimes_ShouldStillKeepTheHigherVersion()
    {
        using var table = await StateTestTable.CreateAsync();
        await table.Store.SaveAnnouncedAsync(Announced("5", minutes: null), None);

        await table.Store.SaveAnnouncedAsync(Announced("4", minutes: null), None);

        Assert.Equal("5", (await table.Store.LastAnnouncedAsync(Source, None))!.Version);
    }

    private static AnnouncedConfiguration Announced(string version, int? minutes) =>
        new(Source, version, $$"""{"version": 1, "note": "{{version}}"}""", StateTestTable.Start)
        {
            ModifiedAt = minutes is { } m ? StateTestTable.Start.AddMinutes(m) : null,
        };
}
