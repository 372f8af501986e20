using IdcKmsGuard.Core.State;

namespace IdcKmsGuard.Core.Tests.State;

/// <summary>Whose change a key shows, from the changes the guard knows of and what it saw (<see cref="KeyMemory.CauseOf"/>).</summary>
public sealed class KeyMemoryTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 30, 7, 0, 0, TimeSpan.Zero);
    private static readonly KnownChange BreakGlassDisable = Change("e1", "Disabled", T);

    [Fact]
    public void CauseOf_WhenTheKeyIsAsTheLatestChangeLeftIt_ShouldBeThatChange()
    {
        var memory = new KeyMemory([Change("e0", "Enabled", T.AddMinutes(-5)), BreakGlassDisable], [Seen("Enabled", T.AddMinutes(-1))]);

        Assert.Equal(BreakGlassDisable, memory.CauseOf("state", "Disabled", thisEvent: null));
    }

    [Fact]
    public void CauseOf_WhenALookSinceSawTheKeyOtherwise_ShouldBeUnknown()
    {
        var memory = new KeyMemory([BreakGlassDisable], [Seen("Enabled", T.AddMinutes(10))]);

        Assert.Null(memory.CauseOf("state", "Disabled", thisEvent: null));
    }

    [Fact]
    public void CauseOf_WhenTheKeyIsNotAsTheLatestChangeLeftIt_ShouldBeUnknownNotAnOlderChange()
    {
        var memory = new KeyMemory([BreakGlassDisable, Change("e2", "Enabled", T.AddMinutes(3))], []);

        Assert.Null(memory.CauseOf("state", "Disabled", thisEvent: null));
    }

    [Fact]
    public void CauseOf_WhenThisEventIsOlderThanAKnownChange_ShouldNotBeThisEvent()
    {
        var memory = new KeyMemory([Change("e2", "Enabled", T.AddMinutes(3)), Change("e3", "Disabled", T.AddMinutes(5))], []);

        Assert.Equal("e3", memory.CauseOf("state", "Disabled", thisEvent: BreakGlassDisable)?.EventId);
    }

    [Fact]
    public void CauseOf_WhenThisEventIsTheNewestChange_ShouldBeThisEvent()
    {
        var memory = new KeyMemory([Change("e0", "Enabled", T.AddMinutes(-5))], [Seen("Enabled", T.AddMinutes(-1))]);

        Assert.Equal(BreakGlassDisable, memory.CauseOf("state", "Disabled", BreakGlassDisable));
    }

    // CloudTrail's eventTime has whole seconds: a look in the same second may have come before the change.
    [Fact]
    public void CauseOf_WhenALookFallsInTheSecondTheChangeWasRecordedAt_ShouldNotCountItAgainstTheChange()
    {
        var sameSecond = new KeyMemory([BreakGlassDisable], [Seen("Enabled", T.AddMilliseconds(400))]);
        var nextSecond = new KeyMemory([BreakGlassDisable], [Seen("Enabled", T.AddMilliseconds(1000))]);
        var precise = new KeyMemory([Change("e1", "Disabled", T.AddMilliseconds(100))], [Seen("Enabled", T.AddMilliseconds(400))]);

        Assert.Equal(BreakGlassDisable, sameSecond.CauseOf("state", "Disabled", thisEvent: null));
        Assert.Null(nextSecond.CauseOf("state", "Disabled", thisEvent: null));
        Assert.Null(precise.CauseOf("state", "Disabled", thisEvent: null));
    }

    [Fact]
    public void CauseOf_ShouldJudgeEachPartOnItsOwn()
    {
        var memory = new KeyMemory([BreakGlassDisable], [new Sighting("policy", "policy 00ff", T.AddMinutes(10))]);

        Assert.Equal(BreakGlassDisable, memory.CauseOf("state", "Disabled", thisEvent: null));
        Assert.Null(memory.CauseOf("policy", "policy 00ff", thisEvent: null));
    }

    [Fact]
    public void Stale_ShouldKeepTheLatestChangeOfEachPartAndTheSightingsThatCanStillContradictIt()
    {
        var older = Change("e0", "Enabled", T.AddDays(-6));
        var latest = Change("e1", "Disabled", T.AddDays(-5));
        var memory = new KeyMemory(
            [older, latest],
            [Seen("Enabled", T.AddDays(-7)), Seen("Disabled", T.AddDays(-4)), Seen("PendingDeletion", T.AddHours(-1)), new Sighting("policy", "policy 00ff", T.AddDays(-3))]);

        var stale = memory.Stale(T);

        Assert.Equal([older], stale.ForgetChanges);
        Assert.Equal([Seen("Enabled", T.AddDays(-7)), new Sighting("policy", "policy 00ff", T.AddDays(-3))], stale.ForgetSightings);
    }

    private static KnownChange Change(string eventId, string leftAs, DateTimeOffset at) =>
        new("state", eventId, "arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_BreakGlass_0123456789abcdef/oncall", "arn:aws:iam::111122223333:role/BreakGlass", at, leftAs);

    private static Sighting Seen(string value, DateTimeOffset at) => new("state", value, at);
}
