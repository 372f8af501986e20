using IdcKmsGuard.Core.State;

namespace IdcKmsGuard.Aws.Tests.State;

public sealed class ExemptChangeTests
{
    private const string KeyArn = "arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab";
    private const string BreakGlass = "arn:aws:iam::111122223333:role/BreakGlass";
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task FindExemptChangeAsync_WhenNoneWasMade_ShouldReturnNull()
    {
        using var table = await StateTestTable.CreateAsync();

        Assert.Null(await table.Store.FindExemptChangeAsync(KeyArn, "KEY-ENABLED", None));
    }

    [Fact]
    public async Task RememberExemptChangeAsync_ShouldKeepItPerKeyAndRuleUntilTheExemptionEnds()
    {
        using var table = await StateTestTable.CreateAsync();
        var until = StateTestTable.Start.AddDays(1);
        var change = new ExemptChange(KeyArn, "KEY-ENABLED", BreakGlass, "arn:aws:iam::111122223333:role/Break*", until, "event-1", StateTestTable.Start, "Disabled");

        await table.Store.RememberExemptChangeAsync(change, None);

        Assert.Equal(change, await table.Store.FindExemptChangeAsync(KeyArn, "KEY-ENABLED", None));
        Assert.Null(await table.Store.FindExemptChangeAsync(KeyArn, "KEY-POLICY-HEALTHY", None));
        var item = await table.ItemAsync($"exempt#{KeyArn}#KEY-ENABLED");
        Assert.Equal(until.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), item["expiresAt"].N);
    }

    [Fact]
    public async Task RememberExemptChangeAsync_WhenAnOlderChangeArrivesLate_ShouldKeepTheNewer()
    {
        using var table = await StateTestTable.CreateAsync();
        var newer = new ExemptChange(KeyArn, "KEY-ENABLED", BreakGlass, BreakGlass, null, "event-2", StateTestTable.Start, "Disabled");
        var older = newer with { EventId = "event-1", At = StateTestTable.Start.AddMinutes(-5), LeftAs = "PendingDeletion" };

        await table.Store.RememberExemptChangeAsync(newer, None);
        await table.Store.RememberExemptChangeAsync(older, None);

        Assert.Equal(newer, await table.Store.FindExemptChangeAsync(KeyArn, "KEY-ENABLED", None));
    }
}
