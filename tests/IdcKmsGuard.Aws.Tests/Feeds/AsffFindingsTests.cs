using IdcKmsGuard.Aws.Feeds;
using IdcKmsGuard.Core.Alerts;

namespace IdcKmsGuard.Aws.Tests.Feeds;

public sealed class AsffFindingsTests
{
    private static readonly DateTimeOffset Opened = new(2026, 11, 30, 7, 3, 0, TimeSpan.Zero);

    [Fact]
    public void From_AnOpenIncident_ShouldBeAnActiveFailedFindingOnTheKey()
    {
        var finding = AsffFindings.From(Alert(IncidentStatus.Open), "aws", "eu-west-1", "111122223333", new RunbookLinks("https://wiki.example.com/rb/"));

        Assert.Equal("idckmsguard/incident/fedcba9876543210fedcba9876543210", finding.Id);
        Assert.Equal("arn:aws:securityhub:eu-west-1:111122223333:product/111122223333/default", finding.ProductArn);
        Assert.Equal("idckmsguard/KEY-ENABLED", finding.GeneratorId);
        Assert.Equal(("ACTIVE", "FAILED", "NEW"), (finding.RecordState, finding.Compliance.Status, finding.Workflow.Status));
        Assert.Equal(new AsffSeverity("CRITICAL", "critical"), finding.Severity);
        Assert.Equal(finding.Severity, finding.FindingProviderFields.Severity);
        Assert.Equal(new AsffResource("AwsKmsKey", "arn:aws:kms:us-east-1:111122223333:key/k", "aws", "us-east-1"), Assert.Single(finding.Resources));
        Assert.Equal("2026-11-30T07:03:00.000Z", finding.CreatedAt);
        Assert.Equal("2026-11-30T09:03:00.000Z", finding.UpdatedAt);
        Assert.Equal("https://wiki.example.com/rb/KEY-ENABLED.md", finding.Remediation.Recommendation.Url);
        Assert.Equal("Re-enable the key now.", finding.Remediation.Recommendation.Text);
        Assert.Equal("true", finding.ProductFields["idckmsguard/actionRequired"]);
    }

    [Fact]
    public void From_AResolvedIncident_ShouldBeArchivedPassedAndResolvedWithTheSameId()
    {
        var open = AsffFindings.From(Alert(IncidentStatus.Open), "aws", "us-east-1", "111122223333", RunbookLinks.Default);
        var resolved = AsffFindings.From(Alert(IncidentStatus.Resolved) with { Severity = Severity.Info }, "aws", "us-east-1", "111122223333", RunbookLinks.Default);

        Assert.Equal(open.Id, resolved.Id);
        Assert.Equal(("ARCHIVED", "PASSED", "RESOLVED"), (resolved.RecordState, resolved.Compliance.Status, resolved.Workflow.Status));
        Assert.Equal("INFORMATIONAL", resolved.Severity.Label);
        Assert.Null(resolved.Remediation.Recommendation.Url);
    }

    [Fact]
    public void From_AnAlertAboutTheGuardsConfiguration_ShouldBeADefenceEvasionFindingOnTheAccount()
    {
        var alert = Alert(IncidentStatus.Open) with { RuleId = "GUARD-CONFIG-CHANGED", KeyArn = null, KeyRegion = null, Headline = new string('h', 400) };

        var finding = AsffFindings.From(alert, "aws-us-gov", "us-gov-west-1", "111122223333", RunbookLinks.Default);

        Assert.Equal(["TTPs/Defense Evasion"], finding.Types);
        Assert.Equal(new AsffResource("AwsAccount", "AWS::::Account:111122223333", "aws-us-gov", null), Assert.Single(finding.Resources));
        Assert.Equal(256, finding.Title.Length);
        Assert.StartsWith("arn:aws-us-gov:securityhub:us-gov-west-1:", finding.ProductArn, StringComparison.Ordinal);
    }

    private static Alert Alert(IncidentStatus status) => new()
    {
        Severity = Severity.Critical,
        RuleId = "KEY-ENABLED",
        Outcome = status == IncidentStatus.Resolved ? AlertOutcome.None : AlertOutcome.Alerted,
        Headline = "Identity Center key is disabled",
        WhatHappened = "Alice called DisableKey.",
        Event = new AlertEvent("DisableKey", "kms.amazonaws.com", "KeyDisabled", "evt-1", Opened, "us-east-1", "111122223333", true, null, null,
            new AlertActor("AssumedRole", "arn:aws:sts::111122223333:assumed-role/Admin/alice", "111122223333", null, null, null)),
        KeyArn = "arn:aws:kms:us-east-1:111122223333:key/k",
        KeyRegion = "us-east-1",
        Findings = [new Finding("KEY-ENABLED", Severity.Critical, "Found the key Disabled.", Resolved: status == IncidentStatus.Resolved)],
        NextSteps = ["Re-enable the key now."],
        DetectedAt = Opened.AddHours(2),
        Incident = new AlertIncident("fedcba9876543210fedcba9876543210", status, Opened, 0),
    };
}
