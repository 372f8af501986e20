using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.Rules;
using IdcKmsGuard.Core.State;

namespace IdcKmsGuard.Aws.Tests.State;

/// <summary>
/// A key's memory of changes and sightings, and what people were told is behind each open rule, on the state table
/// (moto over HTTP): written with an event's completion, read with the scope's record.
/// </summary>
public sealed class KeyMemoryTests
{
    private static readonly IncidentScope Scope = IncidentScope.ForKey(KeyArn.Parse("arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab"));
    private static readonly CancellationToken None = CancellationToken.None;
    private const string BreakGlass = "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_BreakGlass_0123456789abcdef";

    [Fact]
    public async Task CompleteAsync_WithMemory_ShouldKeepEveryChangeAndTheLastSightingOfEachValue()
    {
        using var table = await StateTestTable.CreateAsync();
        var disable = Change("event-1", "Disabled", StateTestTable.Start.AddMinutes(-5));
        var policy = Change("event-2", "policy 0f00", StateTestTable.Start.AddMinutes(-3)) with { Subject = "policy" };

        await CompleteAsync(table, "e1", new KeyMemoryUpdate([Seen("Disabled", 0), Seen("Enabled", -60)], [disable], [], []));
        table.Clock.Advance(TimeSpan.FromMinutes(1));
        await CompleteAsync(table, "e2", new KeyMemoryUpdate([Seen("Disabled", 1), Seen("policy 0f00", 1, "policy")], [policy], [], []));

        var memory = (await table.Store.ReadScopeAsync(Scope, None)).Memory;
        Assert.Equal([disable, policy], memory.Changes.OrderBy(c => c.At));
        Assert.Equal(
            [Seen("Enabled", -60), Seen("policy 0f00", 1, "policy"), Seen("Disabled", 1)],
            memory.Sightings.OrderBy(s => s.At).ThenBy(s => s.Subject, StringComparer.Ordinal));
        Assert.Equal(disable, memory.CauseOf("state", "Disabled", thisEvent: null));
    }

    [Fact]
    public async Task CompleteAsync_WithMemoryToForget_ShouldDropOnlyThat()
    {
        using var table = await StateTestTable.CreateAsync();
        var older = Change("event-1", "Disabled", StateTestTable.Start.AddDays(-5));
        var newer = Change("event-2", "Enabled", StateTestTable.Start.AddDays(-4));
        await CompleteAsync(table, "e1", new KeyMemoryUpdate([Seen("Disabled", -7200), Seen("Enabled", 0)], [older, newer], [], []));

        var read = (await table.Store.ReadScopeAsync(Scope, None)).Memory;
        await CompleteAsync(table, "e2", read.Stale(table.Clock.GetUtcNow()));

        var memory = (await table.Store.ReadScopeAsync(Scope, None)).Memory;
        Assert.Equal([newer], memory.Changes);
        Assert.Equal([Seen("Enabled", 0)], memory.Sightings);
    }

    // The unfinished mark and the memory are on the same item: one write clears the one and adds to the other.
    [Fact]
    public async Task CompleteAsync_WithAMarkAndMemoryOnOneScope_ShouldWriteBoth()
    {
        using var table = await StateTestTable.CreateAsync();
        var claim = await table.Store.ClaimAsync("e1", table.Clock.GetUtcNow().AddMinutes(1), None);
        await table.Store.SaveJournalAsync(claim, new EventJournal(null, []), Scope.Arn, None);

        await table.Store.CompleteAsync(claim, Completion(new KeyMemoryUpdate([Seen("Enabled", 0)], [], [], [])) with { UnfinishedOn = [Scope.Arn] }, None);

        var record = await table.Store.ReadScopeAsync(Scope, None);
        Assert.Empty(record.Unfinished);
        Assert.Equal([Seen("Enabled", 0)], record.Memory.Sightings);
    }

    [Fact]
    public async Task SaveIncidentMemoryAsync_WithTold_ShouldKeepItAndRefuseAWriterWhoReadOtherCauses()
    {
        using var table = await StateTestTable.CreateAsync();
        var told = RuleCauses.Of([KeyValuePair.Create("KEY-ENABLED", "event-1|Disabled")]);
        var first = new IncidentMemory(Scope, RuleSet.Parse("KEY-ENABLED"), 1, StateTestTable.Start) { Told = told };
        var other = first with { Told = RuleCauses.Of([KeyValuePair.Create("KEY-ENABLED", "unknown|Disabled")]) };

        Assert.True(await table.Store.SaveIncidentMemoryAsync(first, null, None));
        Assert.False(await table.Store.SaveIncidentMemoryAsync(first with { Sweeps = 2 }, other, None));
        Assert.True(await table.Store.SaveIncidentMemoryAsync(other, first, None));

        Assert.Equal(other, await table.Store.GetIncidentMemoryAsync(Scope, None));
        Assert.Equal("unknown|Disabled", (await table.Store.GetIncidentMemoryAsync(Scope, None))!.Told.Of("KEY-ENABLED"));
    }

    // A memory written before causes were kept has no "told": it reads as none, and the next writer may replace it.
    [Fact]
    public async Task SaveIncidentMemoryAsync_OverAnItemWithoutTold_ShouldTakeItAsNone()
    {
        using var table = await StateTestTable.CreateAsync();
        var stored = new IncidentMemory(Scope, RuleSet.Parse("KEY-ENABLED"), 1, StateTestTable.Start);
        Assert.True(await table.Store.SaveIncidentMemoryAsync(stored, null, None));
        await table.RemoveAttributeAsync($"sweep#{Scope.Arn}", "told");

        Assert.Equal(RuleCauses.None, (await table.Store.GetIncidentMemoryAsync(Scope, None))!.Told);
        Assert.True(await table.Store.SaveIncidentMemoryAsync(stored with { Sweeps = 2 }, stored, None));
    }

    private static KnownChange Change(string eventId, string leftAs, DateTimeOffset at) =>
        new("state", eventId, $"{BreakGlass.Replace(":role/aws-reserved/sso.amazonaws.com/", ":assumed-role/", StringComparison.Ordinal)}/oncall", BreakGlass, at, leftAs);

    private static Sighting Seen(string value, int minutes, string subject = "state") => new(subject, value, StateTestTable.Start.AddMinutes(minutes));

    private static EventCompletion Completion(KeyMemoryUpdate update) =>
        new(TimeSpan.FromDays(2)) { Memory = new Dictionary<string, KeyMemoryUpdate>(StringComparer.Ordinal) { [Scope.Arn] = update } };

    private static async Task CompleteAsync(StateTestTable table, string eventId, KeyMemoryUpdate update)
    {
        var claim = await table.Store.ClaimAsync(eventId, table.Clock.GetUtcNow().AddMinutes(1), None);
        await table.Store.CompleteAsync(claim, Completion(update), None);
    }
}
