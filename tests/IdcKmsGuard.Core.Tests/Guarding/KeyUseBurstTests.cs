using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Delivery;
using IdcKmsGuard.Core.Events;
using IdcKmsGuard.Core.Guarding;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Testing;

namespace IdcKmsGuard.Core.Tests.Guarding;

/// <summary>
/// Refused calls of Identity Center arrive in bursts: one alert opens the burst, the rest are counted, an update goes
/// out at most every few minutes, and the quiet check says "resolved" once, when refusals stopped and the key is healthy.
/// </summary>
public sealed class KeyUseBurstTests
{
    private static readonly string Template = File.ReadAllText(RepoPaths.EventFile("kms-decrypt-by-identity-center-failed.json"));

    private int next;

    [Fact]
    public async Task KeyUseFailures_WhenABurstArrivesInBatches_ShouldAlertOnceThenCountUntilTheUpdateIsDue()
    {
        var scenario = new GuardScenario(KeyState.Enabled, followUps: true);

        var opened = await scenario.Guard.KeyUseFailuresAsync(Refusals(100), Budget(scenario));
        scenario.Time.Advance(TimeSpan.FromMinutes(2));
        var counted = await scenario.Guard.KeyUseFailuresAsync(Refusals(100), Budget(scenario));
        scenario.Time.Advance(TimeSpan.FromMinutes(3));
        var update = await scenario.Guard.KeyUseFailuresAsync(Refusals(50), Budget(scenario));

        Assert.Equal([Disposition.Alerted, Disposition.Suppressed, Disposition.Alerted], [opened.Disposition, counted.Disposition, update.Disposition]);
        Assert.Equal(2, scenario.Publisher.Published.Count);
        Assert.Contains("In all, 100 calls failed since 2026-11-30 07:03 UTC", Refusal(opened).Message, StringComparison.Ordinal);
        Assert.Contains("In all, 250 calls failed since 2026-11-30 07:03 UTC", Refusal(update).Message, StringComparison.Ordinal);
        Assert.Contains("actions Decrypt 250; errors DisabledException 250; Regions us-east-1 250", Refusal(update).Message, StringComparison.Ordinal);
        Assert.Equal(3, scenario.State.KeyUseTallyWrites);
        var check = Assert.Single(scenario.Scheduler.Scheduled);
        Assert.Equal((1, TimeSpan.FromMinutes(10), GuardScenario.Now), (check.FollowUp.Attempt, check.Delay, check.FollowUp.Since));
    }

    [Fact]
    public async Task QuietCheck_WhenRefusalsStoppedAndTheGuardRepairedTheKey_ShouldSayResolvedOnce()
    {
        var scenario = new GuardScenario(KeyState.Disabled, followUps: true);
        var opened = await scenario.Guard.KeyUseFailuresAsync(Refusals(20), Budget(scenario));
        scenario.Time.Advance(TimeSpan.FromMinutes(11));

        var check = scenario.Scheduler.Scheduled[0].FollowUp;
        var quiet = await scenario.Guard.FollowUpAsync(check, CancellationToken.None);
        var again = await scenario.Guard.FollowUpAsync(check, CancellationToken.None);

        Assert.Equal(AlertOutcome.Fixed, opened.Alert!.Outcome);
        Assert.Equal(Disposition.Alerted, quiet.Disposition);
        Assert.Contains("KEY-USE-FAILING", quiet.Alert!.Findings.Select(f => f.RuleId));
        Assert.Contains("KMS has refused none of Identity Center's calls", quiet.Alert.WhatHappened, StringComparison.Ordinal);
        Assert.Contains("20 calls failed between 2026-11-30 07:03 and 07:03 UTC, none since", quiet.Alert.WhatHappened, StringComparison.Ordinal);
        Assert.NotEqual(Disposition.Alerted, again.Disposition);
        Assert.Equal(2, scenario.Publisher.Published.Count);
        Assert.False(scenario.State.KeyUseTallies[GuardScenario.Key.KeyId].IsOpen);
    }

    // The hourly sweep between the opening alert and the quiet check finds the repaired key healthy: it says nothing,
    // and the quiet check still says "resolved", once.
    [Fact]
    public async Task Sweep_WhileABurstIsOpen_ShouldStayQuietAndLeaveTheResolvedNoticeToTheQuietCheck()
    {
        var scenario = new GuardScenario(KeyState.Disabled, followUps: true);
        scenario.Keys.RotationEnabled.Add(GuardScenario.Key.ToString());
        await scenario.Guard.KeyUseFailuresAsync(Refusals(20), Budget(scenario));
        scenario.Time.Advance(TimeSpan.FromMinutes(3));

        var sweep = await scenario.HandleAsync("scheduled-event.json");
        scenario.Time.Advance(TimeSpan.FromMinutes(8));
        var quiet = await scenario.Guard.FollowUpAsync(scenario.Scheduler.Scheduled[0].FollowUp, CancellationToken.None);

        Assert.Empty(sweep.Alerts);
        Assert.Equal(Disposition.Alerted, quiet.Disposition);
        Assert.Contains("KMS has refused none of Identity Center's calls", quiet.Alert!.WhatHappened, StringComparison.Ordinal);
        Assert.Equal(2, scenario.Publisher.Published.Count);
    }

    [Fact]
    public async Task QuietCheck_WhenRefusalsGoOn_ShouldCheckAgainWithoutAlerting()
    {
        var scenario = new GuardScenario(KeyState.Enabled, followUps: true);
        await scenario.Guard.KeyUseFailuresAsync(Refusals(10), Budget(scenario));
        scenario.Time.Advance(TimeSpan.FromMinutes(4));
        await scenario.Guard.KeyUseFailuresAsync(Refusals(10), Budget(scenario));
        scenario.Time.Advance(TimeSpan.FromMinutes(6));

        var result = await scenario.Guard.FollowUpAsync(scenario.Scheduler.Scheduled[0].FollowUp, CancellationToken.None);

        Assert.Equal(Disposition.FollowUpScheduled, result.Disposition);
        Assert.Single(scenario.Publisher.Published);
        var again = scenario.Scheduler.Scheduled[^1];
        Assert.Equal((2, TimeSpan.FromMinutes(4)), (again.FollowUp.Attempt, again.Delay));
        Assert.True(scenario.State.KeyUseTallies[GuardScenario.Key.KeyId].IsOpen);
    }

    [Fact]
    public async Task KeyUseFailures_WhenTheBurstWasClosed_ShouldOpenANewOneWithItsAlert()
    {
        var scenario = new GuardScenario(KeyState.Enabled, followUps: true);
        await scenario.Guard.KeyUseFailuresAsync(Refusals(5), Budget(scenario));
        scenario.Time.Advance(TimeSpan.FromMinutes(11));
        await scenario.Guard.FollowUpAsync(scenario.Scheduler.Scheduled[0].FollowUp, CancellationToken.None);

        var reopened = await scenario.Guard.KeyUseFailuresAsync(Refusals(3), Budget(scenario));

        Assert.Equal(Disposition.Alerted, reopened.Disposition);
        Assert.Contains("In all, 3 calls failed since 2026-11-30 07:14 UTC", Refusal(reopened).Message, StringComparison.Ordinal);
    }

    // Without a follow-up queue nobody closes the burst: after StaleAfter a refusal opens a new one rather than
    // counting under an incident nobody will close.
    [Fact]
    public async Task KeyUseFailures_WhenTheQuietCheckWasLost_ShouldOpenANewBurstOnceStale()
    {
        var scenario = new GuardScenario(KeyState.Enabled, followUps: false);
        await scenario.Guard.KeyUseFailuresAsync(Refusals(5), Budget(scenario));
        scenario.Time.Advance(KeyUseCadence.Standard.StaleAfter);

        var result = await scenario.Guard.KeyUseFailuresAsync(Refusals(5), Budget(scenario));

        Assert.Contains("In all, 5 calls failed since", Refusal(result).Message, StringComparison.Ordinal);
        Assert.Equal(2, scenario.Publisher.Published.Count);
    }

    // The alert failed: nothing is counted, so the batch SQS delivers again alerts (once) and counts once.
    [Fact]
    public async Task KeyUseFailures_WhenTheAlertCannotBePublished_ShouldCountNothingAndAlertOnTheRedelivery()
    {
        var scenario = new GuardScenario(KeyState.Enabled, followUps: true, deliveryAttempts: 3);
        var batch = Refusals(40);
        scenario.Publisher.FailNext = true;

        await Assert.ThrowsAnyAsync<Exception>(() => scenario.Guard.KeyUseFailuresAsync(batch, Budget(scenario)));
        var redelivered = await scenario.Guard.KeyUseFailuresAsync(batch, Budget(scenario));

        Assert.Equal(Disposition.Alerted, redelivered.Disposition);
        Assert.Single(scenario.Publisher.Published);
        Assert.Equal(40, scenario.State.KeyUseTallies[GuardScenario.Key.KeyId].Failures);
    }

    // Identity Center switched keys and something still fails on the old one: the guard does not guard it, and
    // opens no burst it would have to close.
    [Fact]
    public async Task KeyUseFailures_WhenTheKeyIsNotOneIdentityCenterUses_ShouldIgnoreThemAndCountNothing()
    {
        var scenario = new GuardScenario(KeyState.Disabled, followUps: true);
        var other = "1234abcd-12ab-34cd-56ef-000000000000";
        List<GuardEvent> OfTheOtherKey() =>
            [.. Refusals(5).Select(r => EventReader.Read(r.Raw!.Replace("mrk-1234abcd12ab34cd56ef1234567890ab", other, StringComparison.Ordinal)))];

        var first = await scenario.Guard.KeyUseFailuresAsync(OfTheOtherKey(), Budget(scenario));
        var second = await scenario.Guard.KeyUseFailuresAsync(OfTheOtherKey(), Budget(scenario));

        Assert.Equal([Disposition.Ignored, Disposition.Ignored], [first.Disposition, second.Disposition]);
        Assert.Empty(scenario.State.KeyUseTallies);
        Assert.Empty(scenario.Scheduler.Scheduled);
        Assert.Empty(scenario.Publisher.Published);
    }

    [Fact]
    public async Task KeyUseFailures_WhenABatchHoldsAnotherKey_ShouldRefuseIt()
    {
        var scenario = new GuardScenario(KeyState.Enabled);
        var other = EventReader.Read(Template.Replace("mrk-1234abcd12ab34cd56ef1234567890ab", "1234abcd-12ab-34cd-56ef-000000000000", StringComparison.Ordinal));

        await Assert.ThrowsAsync<ArgumentException>(() => scenario.Guard.KeyUseFailuresAsync([.. Refusals(2), other], Budget(scenario)));
    }

    [Fact]
    public void KeyUseBurstOf_WhenTheKeyIsNamedByArnOrId_ShouldBeTheKeyId()
    {
        var byId = EventReader.Read(Template.Replace(
            "\"ARN\": \"arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab\"", "\"ARN\": \"mrk-1234abcd12ab34cd56ef1234567890ab\"", StringComparison.Ordinal));

        Assert.Equal("mrk-1234abcd12ab34cd56ef1234567890ab", Guard.KeyUseBurstOf(EventReader.Read(Template)));
        Assert.Equal("mrk-1234abcd12ab34cd56ef1234567890ab", Guard.KeyUseBurstOf(byId));
    }

    private static Finding Refusal(GuardResult result) => Assert.Single(result.Alert!.Findings, f => f.RuleId == "KEY-USE-FAILING");

    private static InvocationBudget Budget(GuardScenario scenario) => InvocationBudget.Unbounded(scenario.Time);

    private List<GuardEvent> Refusals(int count) =>
    [
        .. Enumerable.Range(0, count).Select(_ => EventReader.Read(Template
            .Replace("7f1d9a3b-0000-4000-9000-000000000031", $"7f1d9a3b-0000-4000-9000-{++next:D12}", StringComparison.Ordinal)
            .Replace("0c4a2f1e-0000-4000-8000-000000000031", $"0c4a2f1e-0000-4000-8000-{next:D12}", StringComparison.Ordinal))),
    ];
}
