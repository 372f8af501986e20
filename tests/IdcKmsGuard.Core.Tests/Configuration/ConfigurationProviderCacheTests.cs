using IdcKmsGuard.Core.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace IdcKmsGuard.Core.Tests.Configuration;

public sealed class ConfigurationProviderCacheTests
{
    private const string DryRun = """{ "version": 1, "dryRun": true }""";

    private readonly FakeConfigurationSource source = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));

    private ConfigurationProvider Provider() => new(source, time);

    // The deployment creates the parameter: one that is missing was deleted, and the guard must not fall to defaults.
    [Fact]
    public async Task GetAsync_WhenTheSourceHasNoDocument_ShouldFailClosedAndSaySo()
    {
        var snapshot = await Provider().GetAsync(CancellationToken.None);

        Assert.True(snapshot.FailClosed);
        Assert.Equal((ConfigurationFaultKind.Missing, "missing:ssm:/idckmsguard/config"), (snapshot.Fault!.Kind, snapshot.Fault.Id));
        Assert.Contains("does not exist: it was deleted", Assert.Single(snapshot.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_WhenTheDocumentIsValid_ShouldGiveItWithItsOriginAndVersion()
    {
        source.Holds(DryRun, "3");

        var snapshot = await Provider().GetAsync(CancellationToken.None);

        Assert.True(snapshot.Configuration.DryRun);
        Assert.Equal(("ssm:/idckmsguard/config (version 3)", false), (snapshot.Origin, snapshot.UsingFallback));
        Assert.Empty(snapshot.Problems);
    }

    [Fact]
    public async Task GetAsync_WhenCalledAgainWithinTheCachePeriod_ShouldNotReadTheSourceAgain()
    {
        source.Holds(DryRun, "3");
        var provider = Provider();
        await provider.GetAsync(CancellationToken.None);
        source.Holds("""{ "version": 1 }""", "4");

        time.Advance(TimeSpan.FromSeconds(59));
        var cached = await provider.GetAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(1));
        var fresh = await provider.GetAsync(CancellationToken.None);

        Assert.Equal((true, false, 2), (cached.Configuration.DryRun, fresh.Configuration.DryRun, source.Reads));
    }

    [Fact]
    public async Task GetAsync_WhenACacheDurationIsGiven_ShouldUseIt()
    {
        var provider = new ConfigurationProvider(source, time, TimeSpan.FromSeconds(5));
        await provider.GetAsync(CancellationToken.None);

        time.Advance(TimeSpan.FromSeconds(5));
        await provider.GetAsync(CancellationToken.None);

        Assert.Equal(2, source.Reads);
    }

    [Fact]
    public async Task GetAsync_WhenCancelled_ShouldThrowAndNotFallBack()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Provider().GetAsync(cancelled.Token));
    }
}
