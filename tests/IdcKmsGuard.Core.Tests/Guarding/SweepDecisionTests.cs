using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Guarding;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.Rules;
using IdcKmsGuard.Core.State;

namespace IdcKmsGuard.Core.Tests.Guarding;

public sealed class SweepDecisionTests
{
    private static readonly IncidentScope Scope = IncidentScope.ForKey(KeyArn.Parse("arn:aws:kms:eu-west-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab"));
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly Finding Broken = new("KEY-POLICY-HEALTHY", Severity.Critical, "sso.amazonaws.com can no longer call kms:Decrypt");
    private static readonly Finding Rotation = new("KEY-ROTATION", Severity.Medium, "Automatic rotation of the key is turned off.");
    private static readonly Finding Advice = new("IDC-CONTEXT-SCOPE", Severity.Low, "Scope by aws:SourceAccount.");

    [Fact]
    public void Decide_WhenTheFirstSweepFindsAViolation_ShouldAlertNew()
    {
        var (change, next) = SweepDecision.Decide(Scope, null, [Broken], 24, Now);

        Assert.Equal(SweepChange.New, change);
        Assert.Equal(new IncidentMemory(Scope, RuleSet.Parse("KEY-POLICY-HEALTHY"), 1, Now) { Opened = Now }, next);
    }

    [Fact]
    public void Decide_WhenHealthyAgainAndAgain_ShouldStayQuiet()
    {
        var (change, next) = SweepDecision.Decide(Scope, new IncidentMemory(Scope, RuleSet.Empty, 5, Now.AddHours(-5)), [Advice], 24, Now);

        Assert.Equal(SweepChange.None, change);
        Assert.Equal(6, next.Sweeps);
    }

    [Fact]
    public void Decide_WhenTheSameViolationPersists_ShouldRepeatOnlyEveryNSweeps()
    {
        var memory = new IncidentMemory(Scope, RuleSet.Parse("KEY-POLICY-HEALTHY"), 1, Now.AddHours(-1));
        var changes = new List<SweepChange>();
        for (var i = 0; i < 6; i++)
        {
            (var change, memory) = SweepDecision.Decide(Scope, memory, [Broken], 3, Now.AddHours(i));
            changes.Add(change);
        }

        Assert.Equal([SweepChange.None, SweepChange.None, SweepChange.StillFailing, SweepChange.None, SweepChange.None, SweepChange.StillFailing], changes);
        Assert.Equal(Now.AddHours(-1), memory.Since);
    }

    [Fact]
    public void Decide_WhenTheGuardFixedIt_ShouldAlertFixedAndRememberHealthy()
    {
        var (change, next) = SweepDecision.Decide(Scope, new IncidentMemory(Scope, RuleSet.Empty, 3, Now.AddHours(-3)), [Broken with { Resolved = true }], 24, Now);

        Assert.Equal(SweepChange.Fixed, change);
        Assert.True(next.IsHealthy);
    }

    [Fact]
    public void Decide_WhenAViolationWentAwayWithoutTheGuard_ShouldSayItCleared()
    {
        var (change, _) = SweepDecision.Decide(Scope, new IncidentMemory(Scope, RuleSet.Parse("KEY-ROTATION"), 2, Now.AddHours(-2)), [], 24, Now);

        Assert.Equal(SweepChange.Cleared, change);
    }

    // Refusals are judged by events and the burst's quiet check only: a sweep that finds the key healthy meanwhile
    // neither clears the burst's incident nor counts it as its own.
    [Fact]
    public void Decide_WhenABurstOfRefusalsIsOpenAndTheKeyIsHealthy_ShouldKeepItAndStayQuiet()
    {
        var burst = new IncidentMemory(Scope, RuleSet.Parse("KEY-USE-FAILING"), 1, Now.AddMinutes(-5));

        var (change, next) = SweepDecision.Decide(Scope, burst, [], 24, Now);

        Assert.Equal(SweepChange.None, change);
        Assert.Equal(RuleSet.Parse("KEY-USE-FAILING"), next.Open);
    }

    [Fact]
    public void Decide_WhenABurstIsOpenAndTheSweepFindsAnotherViolation_ShouldAlertItAsNewAndKeepBoth()
    {
        var burst = new IncidentMemory(Scope, RuleSet.Parse("KEY-USE-FAILING"), 1, Now.AddMinutes(-5));

        var (change, next) = SweepDecision.Decide(Scope, burst, [Broken], 24, Now);

        Assert.Equal(SweepChange.New, change);
        Assert.Equal(RuleSet.Parse("KEY-POLICY-HEALTHY,KEY-USE-FAILING"), next.Open);
    }

    // A refused attempt (someone tried to disable the key) is a moment: alerted once, never an open incident.
    [Fact]
    public void Merge_WhenAnEventReportsARefusedAttempt_ShouldNotKeepItOpen()
    {
        var denied = new Finding("ATTEMPT-DENIED", Severity.Medium, "DisableKey failed with AccessDeniedException.");

        var next = SweepDecision.Merge(Scope, null, [denied], RuleSet.Parse("ATTEMPT-DENIED,KEY-ENABLED"), Now);

        Assert.True(next.IsHealthy);
    }

    [Fact]
    public void Merge_WhenAnEventJudgedOnlyTheKeyState_ShouldKeepWhatTheSweepFoundElsewhere()
    {
        var sweep = new IncidentMemory(Scope, RuleSet.Parse("KEY-ROTATION"), 4, Now.AddHours(-4));
        var disabled = new Finding("KEY-ENABLED", Severity.Critical, "Found the key Disabled.");

        var merged = SweepDecision.Merge(Scope, sweep, [disabled], RuleSet.Parse("KEY-ENABLED,KEY-NOT-PENDING-DELETION"), Now);

        // Another rule joins the open incident: a new count, the incident still the one the sweep opened.
        Assert.Equal(new IncidentMemory(Scope, RuleSet.Parse("KEY-ENABLED,KEY-ROTATION"), 1, Now) { Opened = Now.AddHours(-4) }, merged);
    }

    [Fact]
    public void Merge_WhenNothingChanged_ShouldKeepTheCountAndTheStart()
    {
        var sweep = new IncidentMemory(Scope, RuleSet.Parse("KEY-ROTATION"), 4, Now.AddHours(-4));

        var merged = SweepDecision.Merge(Scope, sweep, [Rotation], RuleSet.Parse("KEY-ROTATION"), Now);

        Assert.Same(sweep, merged);
    }

    [Fact]
    public void Decide_WhenTheViolationsChange_ShouldAlertChangedAndRestartTheCount()
    {
        var (change, next) = SweepDecision.Decide(Scope, new IncidentMemory(Scope, RuleSet.Parse("KEY-ROTATION"), 7, Now.AddHours(-7)), [Broken, Rotation], 24, Now);

        Assert.Equal(SweepChange.Changed, change);
        Assert.Equal(new IncidentMemory(Scope, RuleSet.Parse("KEY-POLICY-HEALTHY,KEY-ROTATION"), 1, Now) { Opened = Now.AddHours(-7) }, next);
    }

    [Fact]
    public void Decide_WhenTheIncidentEnds_ShouldForgetWhenItOpenedSoTheNextOneIsNew()
    {
        var open = new IncidentMemory(Scope, RuleSet.Parse("KEY-ROTATION"), 3, Now.AddHours(-1)) { Opened = Now.AddHours(-9) };

        var (_, healthy) = SweepDecision.Decide(Scope, open, [], 24, Now);
        var (_, again) = SweepDecision.Decide(Scope, healthy, [Rotation], 24, Now.AddHours(1));

        Assert.Null(healthy.Opened);
        Assert.Equal(Now.AddHours(1), again.OpenedAt);
    }

    [Fact]
    public void Decide_WhenOnlyARuleTheSweepCannotJudgeStaysOpen_ShouldKeepTheIncidentsStart()
    {
        var failing = new IncidentMemory(Scope, RuleSet.Parse("KEY-POLICY-HEALTHY,KEY-USE-FAILING"), 1, Now.AddHours(-1)) { Opened = Now.AddHours(-2) };

        var (_, next) = SweepDecision.Decide(Scope, failing, [], 24, Now);

        Assert.Equal(RuleSet.Parse("KEY-USE-FAILING"), next.Open);
        Assert.Equal(Now.AddHours(-2), next.OpenedAt);
    }
}
