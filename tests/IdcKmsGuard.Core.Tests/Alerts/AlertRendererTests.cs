using System.Text.Json;
using IdcKmsGuard.Core.Alerts;
using IdcKmsGuard.Core.Keys;
using IdcKmsGuard.Core.Tests.Guarding;

namespace IdcKmsGuard.Core.Tests.Alerts;

public sealed class AlertRendererTests
{
    [Fact]
    public async Task Render_WhenKeyWasRestored_ShouldProduceSubjectSectionsJsonAndAttributes()
    {
        var scenario = new GuardScenario(KeyState.Disabled);
        await scenario.HandleAsync("kms-disable-key.json");

        var rendered = Assert.Single(scenario.Publisher.Published);

        Assert.Equal("[CRITICAL] IdcKmsGuard: Identity Center key was disabled; the guard re-enabled it", rendered.Subject);
        Assert.Equal("critical", rendered.Attributes["severity"]);
        Assert.Equal("KEY-ENABLED", rendered.Attributes["rule"]);
        Assert.Equal("fixed", rendered.Attributes["outcome"]);
        foreach (var section in new[] { "WHAT HAPPENED", "WHO", "WHAT THE GUARD DID", "WHAT YOU SHOULD DO", "DETAILS" })
        {
            Assert.Contains(section, rendered.EmailText, StringComparison.Ordinal);
        }

        Assert.Contains("AssumedRole arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_AdministratorAccess_0123456789abcdef/alice@example.com", rendered.EmailText, StringComparison.Ordinal);
        Assert.Contains("203.0.113.24", rendered.EmailText, StringComparison.Ordinal);
        Assert.Contains("EnableKey: FIXED", rendered.EmailText, StringComparison.Ordinal);
        Assert.Contains("Verification: PASSED", rendered.EmailText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_Json_ShouldCarryTheVersionedDocument()
    {
        var scenario = new GuardScenario(KeyState.PendingDeletion);
        await scenario.HandleAsync("kms-schedule-key-deletion.json");

        using var document = JsonDocument.Parse(Assert.Single(scenario.Publisher.Published).Json);
        var root = document.RootElement;

        Assert.Equal("idckmsguard.alert/2", root.GetProperty("schema").GetString());
        Assert.Equal("KEY-NOT-PENDING-DELETION", root.GetProperty("rule").GetString());
        Assert.Equal("PendingDeletion", root.GetProperty("key").GetProperty("stateBefore").GetString());
        Assert.Equal("Enabled", root.GetProperty("key").GetProperty("stateAfter").GetString());
        Assert.Equal(["CancelKeyDeletion", "EnableKey"], root.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("action").GetString()));
        Assert.Equal("alice@example.com", root.GetProperty("event").GetProperty("actor").GetProperty("arn").GetString()!.Split('/')[^1]);
        Assert.StartsWith("https://us-east-1.console.aws.amazon.com/kms/home", root.GetProperty("links").GetProperty("keyConsole").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Subject_WhenHeadlineIsLongOrNotAscii_ShouldStayUnderLimitAndAscii()
    {
        var alert = SampleAlert(new string('x', 200) + "\u2014\n");

        var subject = AlertRenderer.Render(alert).Subject;

        Assert.True(subject.Length < 100);
        Assert.All(subject, c => Assert.InRange(c, ' ', '~'));
        Assert.EndsWith("...", subject, StringComparison.Ordinal);
    }

    private static Alert SampleAlert(string headline) => new()
    {
        Severity = Severity.High,
        RuleId = "KEY-ENABLED",
        Outcome = AlertOutcome.Alerted,
        Headline = headline,
        WhatHappened = "what",
        Event = new AlertEvent(
            "DisableKey", "kms.amazonaws.com", "KeyDisabled", "e", null, "us-east-1", "111122223333", true, null, null, new AlertActor(null, null, null, null, null, null)),
        DetectedAt = DateTimeOffset.UnixEpoch,
    };
}
