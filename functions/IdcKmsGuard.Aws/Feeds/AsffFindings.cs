using System.Globalization;
using IdcKmsGuard.Core.Alerts;

namespace IdcKmsGuard.Aws.Feeds;

/// <summary>
/// One incident, one Security Hub finding: its id is the incident's, so each alert of the incident updates the same
/// finding. Open: ACTIVE, compliance FAILED, workflow NEW; resolved: ARCHIVED, PASSED, and (set by the guard through
/// BatchUpdateFindings, since BatchImportFindings may not change a workflow after creation) RESOLVED.
/// </summary>
public static class AsffFindings
{
    private const int TitleLimit = 256;
    private const int DescriptionLimit = 1024;
    private const int RecommendationLimit = 512;

    /// <param name="region">The Region whose Security Hub receives it (the guard's).</param>
    public static AsffFinding From(Alert alert, string partition, string region, string account, RunbookLinks runbooks)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(runbooks);
        var incident = alert.Incident ?? AlertIncident.ForMoment(alert);
        var resolved = incident.Status == IncidentStatus.Resolved;
        var severity = new AsffSeverity(Label(alert.Severity), AlertRenderer.Name(alert.Severity));
        IReadOnlyList<string> types = AlertRouting.KindOf(alert) == AlertKind.Tamper
            ? ["TTPs/Defense Evasion"]
            : ["Software and Configuration Checks/AWS Security Best Practices"];
        var runbook = runbooks.For(alert.RuleId);
        return new AsffFinding(
            SchemaVersion: "2018-10-08",
            Id: FindingId(incident.Id),
            ProductArn: ProductArn(partition, region, account),
            GeneratorId: $"idckmsguard/{alert.RuleId}",
            AwsAccountId: account,
            Types: types,
            CreatedAt: Time(incident.OpenedAt),
            UpdatedAt: Time(alert.DetectedAt),
            FirstObservedAt: Time(incident.OpenedAt),
            LastObservedAt: Time(alert.DetectedAt),
            Severity: severity,
            Title: Cut(alert.Headline, TitleLimit),
            Description: Cut(alert.WhatHappened, DescriptionLimit),
            Remediation: new AsffRemediation(new AsffRecommendation(
                Cut(alert.NextSteps is [var first, ..] ? first : "See the runbook.", RecommendationLimit),
                Uri.TryCreate(runbook, UriKind.Absolute, out _) ? runbook : null)),
            ProductFields: new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["idckmsguard/rule"] = alert.RuleId,
                ["idckmsguard/outcome"] = AlertRenderer.Name(alert.Outcome),
                ["idckmsguard/incidentStatus"] = AlertIncident.Name(incident.Status),
                ["idckmsguard/actionRequired"] = AlertRouting.ActionRequired(alert) ? "true" : "false",
                ["idckmsguard/alertId"] = alert.AlertId ?? "-",
                ["idckmsguard/runbook"] = runbook,
            },
            Resources: [Resource(alert, partition, account)],
            Compliance: new AsffCompliance(resolved ? "PASSED" : "FAILED"),
            Workflow: new AsffWorkflow(resolved ? "RESOLVED" : "NEW"),
            RecordState: resolved ? "ARCHIVED" : "ACTIVE",
            FindingProviderFields: new AsffProviderFields(severity, types));
    }

    public static string FindingId(string incidentId) => $"idckmsguard/incident/{incidentId}";

    /// <summary>The account's own product: findings a customer imports about its own resources.</summary>
    public static string ProductArn(string partition, string region, string account) =>
        $"arn:{partition}:securityhub:{region}:{account}:product/{account}/default";

    private static AsffResource Resource(Alert alert, string partition, string account) =>
        alert.KeyArn is { } key ? new AsffResource("AwsKmsKey", key, partition, alert.KeyRegion)
        : alert.InstanceArn is { } instance ? new AsffResource("Other", instance, partition, null)
        : new AsffResource("AwsAccount", $"AWS::::Account:{account}", partition, null);

    private static string Label(Severity severity) => severity switch
    {
        Severity.Critical => "CRITICAL",
        Severity.High => "HIGH",
        Severity.Medium => "MEDIUM",
        Severity.Low => "LOW",
        _ => "INFORMATIONAL",
    };

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Cut(string text, int limit) => text.Length <= limit ? text : string.Concat(text.AsSpan(0, limit - 3), "...");
}
