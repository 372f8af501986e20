using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.FollowUps;
using IdcKmsGuard.Core.Guarding;
using IdcKmsGuard.Core.IdentityCenter;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Testing;

namespace IdcKmsGuard.Core.Tests.Guarding;

/// <summary>A key switch still UPDATING is re-checked on a bounded schedule; the alert comes with its outcome.</summary>
public sealed class FollowUpTests
{
    private static readonly KeyArn NewKey = KeyArn.Parse("arn:aws:kms:us-east-1:111122223333:key/mrk-0000aaaa11112222333344445555aaaa");

    [Fact]
    public async Task Handle_WhenTheSwitchIsUpdating_ShouldScheduleTheFirstReCheckAndNotAlertYet()
    {
        var scenario = Updating();

        var result = await scenario.HandleAsync("sso-update-instance.json");

        Assert.Equal(Disposition.FollowUpScheduled, result.Disposition);
        Assert.Empty(scenario.Publisher.Published);
        var (followUp, delay) = Assert.Single(scenario.Scheduler.Scheduled);
        Assert.Equal((1, TimeSpan.FromSeconds(30), GuardScenario.Now), (followUp.Attempt, delay, followUp.Since));
        var kept = scenario.State.FollowUpEvents[followUp.EventId];
        Assert.Equal(File.ReadAllText(RepoPaths.EventFile("sso-update-instance.json")), kept.Json);
        Assert.Equal(GuardScenario.Now.AddHours(24), kept.KeepUntil);
    }

    [Fact]
    public async Task FollowUp_WhenTheSwitchFinished_ShouldAlertWithTheOutcomeAndWhoStartedIt()
    {
        var scenario = Updating();
        await scenario.HandleAsync("sso-update-instance.json");
        scenario.IdentityCenter.Encryption = new EncryptionConfiguration(EncryptionKeyType.CustomerManagedKey, NewKey, EncryptionStatus.Enabled, null);
        scenario.Time.Advance(TimeSpan.FromSeconds(30));

        var result = await scenario.Guard.FollowUpAsync(scenario.Scheduler.Scheduled[0].FollowUp, CancellationToken.None);

        Assert.Equal(Disposition.Alerted, result.Disposition);
        Assert.Equal("Identity Center switched to another customer managed key", result.Alert!.Headline);
        Assert.Contains("this is the guard's re-check 1, 30 s after", result.Alert.WhatHappened, StringComparison.Ordinal);
        Assert.Contains("alice@example.com", result.Alert.Event.Actor.Arn, StringComparison.Ordinal);
        Assert.Single(scenario.Scheduler.Scheduled);
    }

    [Fact]
    public async Task FollowUp_WhenTheSwitchFailed_ShouldAlertCriticalWithTheReason()
    {
        var scenario = Updating();
        await scenario.HandleAsync("sso-update-instance.json");
        scenario.IdentityCenter.Encryption = scenario.IdentityCenter.Encryption with { KmsKeyArn = GuardScenario.Key, Status = EncryptionStatus.UpdateFailed, StatusReason = "KMS_AccessDeniedException: sso.amazonaws.com may not use the key" };

        var result = await scenario.Guard.FollowUpAsync(scenario.Scheduler.Scheduled[0].FollowUp, CancellationToken.None);

        Assert.Equal(("IDC-ENCRYPTION-STATUS", Severity.Critical), (result.Alert!.RuleId, result.Alert.Severity));
        Assert.Contains("KMS_AccessDeniedException", result.Alert.Findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FollowUp_WhileStillUpdating_ShouldReScheduleWithTheNextDelayUntilTheScheduleEnds()
    {
        var scenario = Updating();
        await scenario.HandleAsync("sso-update-instance.json");

        var last = default(GuardResult);
        for (var i = 0; i < FollowUpSchedule.Standard.MaxAttempts; i++)
        {
            var (followUp, delay) = scenario.Scheduler.Scheduled[^1];
            scenario.Time.Advance(delay);
            last = await scenario.Guard.FollowUpAsync(followUp, CancellationToken.None);
        }

        Assert.Equal(FollowUpSchedule.Standard.Delays, scenario.Scheduler.Scheduled.Select(s => s.Delay));
        Assert.All(scenario.Scheduler.Scheduled, s => Assert.Equal(GuardScenario.Now, s.FollowUp.Since));
        Assert.Equal(Disposition.Alerted, last!.Disposition);
        Assert.Equal(("IDC-ENCRYPTION-STATUS", Severity.High), (last.Alert!.RuleId, last.Alert.Severity));
        Assert.Equal("Identity Center's key switch has not finished", last.Alert.Headline);
        Assert.Contains("60 min after it was first seen so", last.Alert.Findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FollowUp_WhenDeliveredTwice_ShouldActOnce()
    {
        var scenario = Updating();
        await scenario.HandleAsync("sso-update-instance.json");
        scenario.IdentityCenter.Encryption = scenario.IdentityCenter.Encryption with { Status = EncryptionStatus.UpdateFailed, StatusReason = "KMS_DisabledException: disabled" };
        var followUp = scenario.Scheduler.Scheduled[0].FollowUp;

        await scenario.Guard.FollowUpAsync(followUp, CancellationToken.None);
        var again = await scenario.Guard.FollowUpAsync(followUp, CancellationToken.None);

        Assert.Equal(Disposition.Duplicate, again.Disposition);
        Assert.Single(scenario.Publisher.Published);
    }

    [Fact]
    public async Task Handle_WhenTheGuardsOwnSwitchIsUpdating_ShouldStillFollowItUpAndStayQuietWhenItSucceeds()
    {
        var scenario = Updating();
        await scenario.HandleAsync("sso-update-instance.json", AsGuard);
        scenario.IdentityCenter.Encryption = new EncryptionConfiguration(EncryptionKeyType.CustomerManagedKey, NewKey, EncryptionStatus.Enabled, null);

        var result = await scenario.Guard.FollowUpAsync(scenario.Scheduler.Scheduled[0].FollowUp, CancellationToken.None);

        Assert.Equal(Disposition.Verified, result.Disposition);
        Assert.Empty(scenario.Publisher.Published);
    }

    [Fact]
    public async Task Handle_WhenNoSchedulerIsConfigured_ShouldTellPeopleToCheckByHand()
    {
        var scenario = new GuardScenario(KeyState.Enabled);
        scenario.IdentityCenter.Encryption = new EncryptionConfiguration(EncryptionKeyType.CustomerManagedKey, NewKey, EncryptionStatus.Updating, null);

        var result = await scenario.HandleAsync("sso-update-instance.json");

        Assert.Equal("Identity Center is switching its encryption key", result.Alert!.Headline);
        Assert.Contains(result.Alert.NextSteps, s => s.Contains("check again with aws sso-admin describe-instance", StringComparison.Ordinal));
    }

    // Nobody but the guard may write the state table, so a message naming an event the guard never kept is forged.
    [Fact]
    public async Task FollowUp_WhenItNamesAnEventTheGuardNeverKept_ShouldBeRefusedWithoutReadingAnything()
    {
        var scenario = Updating();

        var error = await Assert.ThrowsAsync<Core.Events.EventFormatException>(() => scenario.Guard.FollowUpAsync(new FollowUp("forged-event", 1, GuardScenario.Now), CancellationToken.None));

        Assert.StartsWith("Refused follow-up 1 of event forged-event: the guard kept no such event", error.Message, StringComparison.Ordinal);
        Assert.Empty(scenario.Keys.Calls);
        Assert.Empty(scenario.Publisher.Published);
    }

    [Fact]
    public async Task FollowUp_WhenItsEventIsPastItsDay_ShouldBeRefused()
    {
        var scenario = Updating();
        await scenario.HandleAsync("sso-update-instance.json");
        scenario.Time.Advance(TimeSpan.FromHours(25));

        await Assert.ThrowsAsync<Core.Events.EventFormatException>(() => scenario.Guard.FollowUpAsync(scenario.Scheduler.Scheduled[0].FollowUp, CancellationToken.None));
    }

    [Fact]
    public async Task FollowUp_WhenItsKeptEventIsNotAnEvent_ShouldFailClearly()
    {
        var scenario = Updating();
        await scenario.State.KeepFollowUpEventAsync("broken", "[]", GuardScenario.Now.AddHours(1), CancellationToken.None);

        var error = await Assert.ThrowsAsync<Core.Events.EventFormatException>(() => scenario.Guard.FollowUpAsync(new FollowUp("broken", 1, GuardScenario.Now), CancellationToken.None));

        Assert.Contains("must be a JSON object", error.Message, StringComparison.Ordinal);
    }

    private static GuardScenario Updating()
    {
        var scenario = new GuardScenario(KeyState.Enabled, followUps: true);
        scenario.Keys.Add(NewKey, KeyState.Enabled, scenario.Keys.PolicyOf(GuardScenario.Key));
        scenario.IdentityCenter.Encryption = new EncryptionConfiguration(EncryptionKeyType.CustomerManagedKey, NewKey, EncryptionStatus.Updating, null);
        return scenario;
    }

    private static string AsGuard(string json) =>
        json.Replace("arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_AdministratorAccess_0123456789abcdef", GuardScenario.GuardRoleArn, StringComparison.Ordinal);
}
