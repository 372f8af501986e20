using System.Collections.Immutable;
using IdcKmsGuard.Core.Events;
using IdcKmsGuard.Core.State;

namespace IdcKmsGuard.Aws.Tests.State;

/// <summary>The bursts of refused calls per key in the state table on the stand-in: counts survive, writes are conditional.</summary>
public sealed class KeyUseTallyTests
{
    private const string KeyId = "mrk-1234abcd12ab34cd56ef1234567890ab";
    private static readonly CancellationToken None = CancellationToken.None;

    private static readonly KeyUseTally Opened = new(
        KeyId,
        StateTestTable.Start,
        StateTestTable.Start.AddSeconds(40),
        812,
        StateTestTable.Start,
        1,
        new KeyUseCounts(
            Counts(("Decrypt", 810), ("DescribeKey", 2)),
            Counts(("DisabledException", 812)),
            Counts(("us-east-1", 800), ("eu-west-1", 12)),
            Counts(("aws:sso:instance-arn=arn:aws:sso:::instance/ssoins-1111222233334444", 810), ("(none)", 2))),
        1);

    [Fact]
    public async Task GetKeyUseTallyAsync_BeforeTheFirstRefusal_ShouldReturnNull()
    {
        using var table = await StateTestTable.CreateAsync();

        Assert.Null(await table.Store.GetKeyUseTallyAsync(KeyId, None));
    }

    [Fact]
    public async Task SaveKeyUseTallyAsync_WhenEachWriteFollowsTheRevisionItRead_ShouldKeepEveryCount()
    {
        using var table = await StateTestTable.CreateAsync();
        var closed = Opened with { Failures = 900, Revision = 2, ClosedAt = StateTestTable.Start.AddMinutes(15) };

        Assert.True(await table.Store.SaveKeyUseTallyAsync(Opened, None));
        var read = await table.Store.GetKeyUseTallyAsync(KeyId, None);
        Assert.True(await table.Store.SaveKeyUseTallyAsync(closed, None));
        var reread = await table.Store.GetKeyUseTallyAsync(KeyId, None);

        Assert.Equal(Describe(Opened), Describe(read!));
        Assert.Equal(Describe(closed), Describe(reread!));
        Assert.False(reread!.IsOpen);
    }

    // Two batches of the same key at once: the second writer read a revision that is gone, and must read again.
    [Fact]
    public async Task SaveKeyUseTallyAsync_WhenAnotherInvocationWroteFirst_ShouldRefuseAndKeepTheirs()
    {
        using var table = await StateTestTable.CreateAsync();
        Assert.True(await table.Store.SaveKeyUseTallyAsync(Opened, None));

        var secondOpening = await table.Store.SaveKeyUseTallyAsync(Opened with { Failures = 1 }, None);
        Assert.True(await table.Store.SaveKeyUseTallyAsync(Opened with { Failures = 900, Revision = 2 }, None));
        var staleUpdate = await table.Store.SaveKeyUseTallyAsync(Opened with { Failures = 813, Revision = 2 }, None);

        Assert.False(secondOpening);
        Assert.False(staleUpdate);
        Assert.Equal(900, (await table.Store.GetKeyUseTallyAsync(KeyId, None))!.Failures);
    }

    [Fact]
    public async Task SaveKeyUseTallyAsync_WhenNoBreakdownHasValuesYet_ShouldReadBackEmptyCounts()
    {
        using var table = await StateTestTable.CreateAsync();

        Assert.True(await table.Store.SaveKeyUseTallyAsync(Opened with { Counts = KeyUseCounts.Empty }, None));

        Assert.Empty((await table.Store.GetKeyUseTallyAsync(KeyId, None))!.Counts.Actions);
    }

    private static ImmutableSortedDictionary<string, long> Counts(params (string Value, long Count)[] counts) =>
        counts.ToImmutableSortedDictionary(c => c.Value, c => c.Count, StringComparer.Ordinal);

    // Records compare dictionaries by reference: compare what they say.
    private static string Describe(KeyUseTally tally) =>
        $"{tally with { Counts = KeyUseCounts.Empty }} {tally.ToBurst(KeyUsePhase.Update).Describe()}";
}
