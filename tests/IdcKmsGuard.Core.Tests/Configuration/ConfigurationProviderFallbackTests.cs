using IdcKmsGuard.Core.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace IdcKmsGuard.Core.Tests.Configuration;

public sealed class ConfigurationProviderFallbackTests
{
    private const string DryRun = """{ "version": 1, "dryRun": true }""";
    private const string Bad = """{ "version": 1, "rules": { "KEY-ROTATION": "sometimes" } }""";

    private readonly FakeConfigurationSource source = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));

    private ConfigurationProvider Provider() => new(source, time);

    [Fact]
    public async Task GetAsync_WhenTheDocumentTurnsInvalid_ShouldKeepTheLastGoodAndReportTheProblem()
    {
        var provider = Provider();
        source.Holds(DryRun, "3");
        await provider.GetAsync(CancellationToken.None);
        source.Holds(Bad, "4");
        time.Advance(TimeSpan.FromMinutes(1));

        var snapshot = await provider.GetAsync(CancellationToken.None);

        Assert.True(snapshot.Configuration.DryRun);
        Assert.Equal(("ssm:/idckmsguard/config (version 3)", true), (snapshot.Origin, snapshot.UsingFallback));
        Assert.Equal(
            ["ssm:/idckmsguard/config (version 4): rules.KEY-ROTATION: 'sometimes' is not one of: off, alert, remediate"],
            snapshot.Problems);
        Assert.Equal(ConfigurationFaultKind.Invalid, snapshot.Fault?.Kind);
        Assert.StartsWith("invalid:ssm:/idckmsguard/config@4:", snapshot.Fault?.Id, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_WhenTheFirstDocumentIsInvalid_ShouldRunOnTheDefaults()
    {
        source.Holds(Bad, "1");

        var snapshot = await Provider().GetAsync(CancellationToken.None);

        Assert.Same(GuardConfiguration.Defaults, snapshot.Configuration);
        Assert.Equal(("defaults", true), (snapshot.Origin, snapshot.UsingFallback));
        Assert.Single(snapshot.Problems);
    }

    [Fact]
    public async Task GetAsync_WhenTheSameBadVersionIsReadAgain_ShouldKeepTheSameFaultId()
    {
        var provider = Provider();
        source.Holds(Bad, "4");
        var first = await provider.GetAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(1));
        var again = await provider.GetAsync(CancellationToken.None);
        source.Holds(Bad.Replace("sometimes", "never", StringComparison.Ordinal), "5");
        time.Advance(TimeSpan.FromMinutes(1));
        var next = await provider.GetAsync(CancellationToken.None);

        Assert.Equal(first.Fault?.Id, again.Fault?.Id);
        Assert.NotEqual(first.Fault?.Id, next.Fault?.Id);
    }

    [Fact]
    public async Task GetAsync_WhenDocumentsWithoutVersionDiffer_ShouldGiveDifferentFaultIds()
    {
        var provider = Provider();
        source.Holds(Bad, null);
        var first = await provider.GetAsync(CancellationToken.None);
        source.Holds(Bad.Replace("sometimes", "never", StringComparison.Ordinal), null);
        time.Advance(TimeSpan.FromMinutes(1));
        var next = await provider.GetAsync(CancellationToken.None);

        Assert.NotEqual(first.Fault?.Id, next.Fault?.Id);
        Assert.Equal("ssm:/idckmsguard/config: rules.KEY-ROTATION: 'sometimes' is not one of: off, alert, remediate", first.Problems[0]);
    }

    [Fact]
    public async Task GetAsync_WhenTheSourceCannotBeRead_ShouldKeepTheLastGoodAndReportTheAwsError()
    {
        var provider = Provider();
        source.Holds(DryRun, "3");
        await provider.GetAsync(CancellationToken.None);
        source.Fails();
        time.Advance(TimeSpan.FromMinutes(1));

        var snapshot = await provider.GetAsync(CancellationToken.None);

        Assert.True(snapshot.Configuration.DryRun);
        Assert.True(snapshot.UsingFallback);
        Assert.Equal(new ConfigurationFault(ConfigurationFaultKind.Unreadable, "unreadable:ssm:AccessDeniedException", snapshot.Problems[0]), snapshot.Fault);
        Assert.StartsWith("cannot read the configuration: ssm GetParameter on /idckmsguard/config failed: AccessDeniedException", snapshot.Problems[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_WhenTheSourceRecovers_ShouldClearTheProblem()
    {
        var provider = Provider();
        source.Fails();
        var failed = await provider.GetAsync(CancellationToken.None);
        source.Holds(DryRun, "3");
        time.Advance(TimeSpan.FromMinutes(1));

        var recovered = await provider.GetAsync(CancellationToken.None);

        Assert.Equal((true, false), (failed.UsingFallback, recovered.UsingFallback));
        Assert.Empty(recovered.Problems);
        Assert.Null(recovered.Fault);
    }

    // Deleting the parameter is not a way to switch the guard to its defaults: the last good document stays, and the
    // deletion is a fault of its own, read again at every call until the parameter is back.
    [Fact]
    public async Task GetAsync_WhenTheDocumentIsRemovedAfterAGoodOne_ShouldKeepTheLastGoodOneAndSaySo()
    {
        var provider = Provider();
        source.Holds(DryRun, "3");
        await provider.GetAsync(CancellationToken.None);
        source.HoldsNothing();
        time.Advance(TimeSpan.FromMinutes(1));
        var removed = await provider.GetAsync(CancellationToken.None);
        source.Holds(DryRun, "1");

        var back = await provider.GetAsync(CancellationToken.None);

        Assert.Equal(("ssm:/idckmsguard/config (version 3)", true, false), (removed.Origin, removed.UsingFallback, removed.FailClosed));
        Assert.True(removed.Configuration.DryRun);
        Assert.Equal(ConfigurationFaultKind.Missing, removed.Fault!.Kind);
        Assert.Equal(("ssm:/idckmsguard/config (version 1)", false), (back.Origin, back.UsingFallback));
    }
}
