using IdcKmsGuard.Core.Keys;

namespace IdcKmsGuard.Core.Tests.Memory;

/// <summary>
/// Histories that silenced the guard before its memory was keyed to changes. The first: the break-glass role disables
/// the key under its exemption, someone enables it again, and later a developer disables it. The developer's change is
/// not the exempt one: it is undone and alerted, whether the guard learns of it from its event or from the sweep.
/// </summary>
public sealed class SilencingHistoriesTests
{
    private static readonly Configure Exemption = new(ConfigurationEdit.AddExemption, 0);

    [Fact]
    public void Event_path_undoes_and_alerts_the_developers_disable()
    {
        using var world = new InMemoryGuardWorld();
        var run = HistoryRun.Of(
        [
            Exemption,
            new Change(Person.BreakGlass, KeyAction.Disable), new Deliver(0, InOrder: true),
            new Change(Person.Operator, KeyAction.Enable), new Deliver(0, InOrder: true),
            new Change(Person.Developer, KeyAction.Disable), new Deliver(0, InOrder: true),
        ], world);

        Assert.Null(run.Disagreement);
        AssertExemptThenFixed(run, exemptAt: 2, fixedAt: 6);
    }

    [Fact]
    public void Sweep_undoes_and_alerts_the_developers_disable_when_no_event_came()
    {
        using var world = new InMemoryGuardWorld();
        var run = HistoryRun.Of(
        [
            Exemption,
            new Change(Person.BreakGlass, KeyAction.Disable), new Deliver(0, InOrder: true),
            new Change(Person.Operator, KeyAction.Enable), new Sweep(),
            new Change(Person.Developer, KeyAction.Disable), new Sweep(),
        ], world);

        Assert.Null(run.Disagreement);
        AssertExemptThenFixed(run, exemptAt: 2, fixedAt: 6);
    }

    // The break-glass event comes last, after the developer's: it is older than what the guard saw since, and no longer
    // the change the key shows.
    [Fact]
    public void A_late_exempt_event_does_not_cover_a_later_change()
    {
        using var world = new InMemoryGuardWorld();
        var run = HistoryRun.Of(
        [
            Exemption,
            new Change(Person.BreakGlass, KeyAction.Disable),
            new Change(Person.Operator, KeyAction.Enable), new Sweep(),
            new Change(Person.Developer, KeyAction.Disable),
            new Deliver(0, InOrder: true),
        ], world);

        Assert.Null(run.Disagreement);
        Assert.Equal(KeyState.Enabled, run.Taken[^1].Key.State);
        Assert.Contains(run.Taken[^1].Sent, a => a.Rule == "KEY-ENABLED" && a.Outcome == "fixed");
    }

    [Fact]
    public void An_ordinary_roles_scheduled_deletion_is_undone_and_alerted_after_an_exempt_one()
    {
        using var world = new InMemoryGuardWorld();
        var run = HistoryRun.Of(
        [
            Exemption,
            new Change(Person.BreakGlass, KeyAction.ScheduleDeletion), new Deliver(0, InOrder: true),
            new Change(Person.Operator, KeyAction.CancelDeletion), new Change(Person.Operator, KeyAction.Enable), new Sweep(),
            new Change(Person.Developer, KeyAction.ScheduleDeletion), new Deliver(2, InOrder: false),
        ], world);

        Assert.Null(run.Disagreement);
        Assert.Equal(KeyState.Enabled, run.Taken[^1].Key.State);
        Assert.Contains(run.Taken[^1].Sent, a => a.Rule == "KEY-NOT-PENDING-DELETION" && a.Outcome == "fixed");
    }

    // Within the repeat window, in alert mode: the second DisableKey is another person's change, never "a repeat".
    [Fact]
    public void A_new_change_by_another_principal_is_news_within_the_window()
    {
        using var world = new InMemoryGuardWorld();
        var run = HistoryRun.Of(
        [
            new Configure(ConfigurationEdit.RuleToAlert, 0),
            new Change(Person.Developer, KeyAction.Disable), new Deliver(0, InOrder: true),
            new Change(Person.Operator, KeyAction.Disable), new Deliver(0, InOrder: true),
        ], world);

        Assert.Null(run.Disagreement);
        Assert.Equal(("KEY-ENABLED", "alerted"), (Assert.Single(AboutTheKey(run.Taken[2])).Rule, AboutTheKey(run.Taken[2])[0].Outcome));
        Assert.Equal(("KEY-ENABLED", "alerted"), (Assert.Single(AboutTheKey(run.Taken[4])).Rule, AboutTheKey(run.Taken[4])[0].Outcome));
    }

    private static void AssertExemptThenFixed(HistoryRun run, int exemptAt, int fixedAt)
    {
        var exempt = Assert.Single(AboutTheKey(run.Taken[exemptAt]));
        Assert.Equal(("KEY-ENABLED", "exempt"), (exempt.Rule, exempt.Outcome));
        Assert.Equal(KeyState.Disabled, run.Taken[exemptAt].Key.State);
        var undone = Assert.Single(AboutTheKey(run.Taken[fixedAt]));
        Assert.Equal(("KEY-ENABLED", "fixed"), (undone.Rule, undone.Outcome));
        Assert.Equal(KeyState.Enabled, run.Taken[fixedAt].Key.State);
    }

    // The first look after a configuration edit also announces the new version.
    private static List<SentAlert> AboutTheKey(TakenStep step) => [.. step.Sent.Where(a => a.Rule != "GUARD-CONFIG-CHANGED")];
}
