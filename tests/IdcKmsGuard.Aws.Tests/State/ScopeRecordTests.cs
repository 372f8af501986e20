using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.Rules;
using IdcKmsGuard.Core.State;

namespace IdcKmsGuard.Aws.Tests.State;

/// <summary>
/// One read of a scope (moto over HTTP): its incident memory and the events unfinished on it, the marks written in the
/// journal's own transactions and cleared by the completion's.
/// </summary>
public sealed class ScopeRecordTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly KeyArn Key = KeyArn.Parse("arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab");
    private static readonly IncidentScope Scope = IncidentScope.ForKey(Key);
    private static readonly EventJournal Journal = new("""{"id":"e1"}""", [new ScopeJournal(Key.ToString(), "Disabled", [], [])]);

    [Fact]
    public async Task ReadScopeAsync_WhenJournalsAreSaved_ShouldNameTheirEventsWithoutInventingAMemory()
    {
        using var table = await StateTestTable.CreateAsync();
        await SaveJournalAsync(table, "e1");
        await SaveJournalAsync(table, "e2");

        var record = await table.Store.ReadScopeAsync(Scope, None);

        Assert.Null(record.Incident);
        Assert.Equal(["e1", "e2"], record.Unfinished.Order(StringComparer.Ordinal));
        Assert.Null(await table.Store.GetIncidentMemoryAsync(Scope, None));
        Assert.Equal(["e1", "e2"], (await table.Store.UnfinishedAsync(Key.ToString(), None)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task CompleteAsync_WhenItNamesTheScope_ShouldClearOnlyItsOwnMark()
    {
        using var table = await StateTestTable.CreateAsync();
        var first = await SaveJournalAsync(table, "e1");
        await SaveJournalAsync(table, "e2");

        await table.Store.CompleteAsync(first, new EventCompletion(TimeSpan.FromDays(2)) { UnfinishedOn = [Key.ToString()] }, None);

        Assert.Equal(["e2"], (await table.Store.ReadScopeAsync(Scope, None)).Unfinished);
    }

    [Fact]
    public async Task SaveIncidentMemoryAsync_WhenTheScopeHasMarks_ShouldKeepThemAndTheyShouldKeepIt()
    {
        using var table = await StateTestTable.CreateAsync();
        await SaveJournalAsync(table, "e1");
        var memory = new IncidentMemory(Scope, RuleSet.Parse("KEY-ENABLED"), 1, StateTestTable.Start);

        Assert.True(await table.Store.SaveIncidentMemoryAsync(memory, null, None));
        await SaveJournalAsync(table, "e2");

        var record = await table.Store.ReadScopeAsync(Scope, None);
        Assert.Equal(memory, record.Incident);
        Assert.Equal(["e1", "e2"], record.Unfinished.Order(StringComparer.Ordinal));
        Assert.False(await table.Store.SaveIncidentMemoryAsync(memory with { Sweeps = 2 }, null, None));
    }

    [Fact]
    public async Task SaveJournalAsync_WhenTheClaimWasLost_ShouldMarkNothing()
    {
        using var table = await StateTestTable.CreateAsync();
        var stale = await table.Store.ClaimAsync("e1", table.Clock.GetUtcNow() + Lease, None);
        table.Clock.Advance(Lease + TimeSpan.FromSeconds(1));
        await table.Store.ClaimAsync("e1", table.Clock.GetUtcNow() + Lease, None);

        await Assert.ThrowsAsync<ClaimLostException>(() => table.Store.SaveJournalAsync(stale, Journal, Key.ToString(), None));

        var record = await table.Store.ReadScopeAsync(Scope, None);
        Assert.Null(record.Incident);
        Assert.Empty(record.Unfinished);
    }

    private static async Task<LedgerClaim> SaveJournalAsync(StateTestTable table, string eventId)
    {
        var claim = await table.Store.ClaimAsync(eventId, table.Clock.GetUtcNow() + Lease, None);
        await table.Store.SaveJournalAsync(claim, Journal, Key.ToString(), None);
        return claim;
    }
}
