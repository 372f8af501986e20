using System.Text;
using System.Text.Json;

namespace IdcKmsGuard.Core.Alerts;

/// <summary>Turns an <see cref="Alert"/> into the texts and document that subscribers receive.</summary>
public static class AlertRenderer
{
    public const int MaxSubjectLength = 99;

    // The document is read by programs, never embedded in HTML: '+' in a time offset stays '+'.
    private static readonly AlertJsonContext Json = new(new JsonSerializerOptions(AlertJsonContext.Default.Options)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <param name="chatbot">Also render the AWS Chatbot (Amazon Q Developer) custom-notification document.</param>
    /// <param name="format">The deployment's runbook links, account label and document version (default: none, version 2).</param>
    public static RenderedAlert Render(Alert alert, bool chatbot = false, AlertFormat? format = null)
    {
        ArgumentNullException.ThrowIfNull(alert);
        format ??= AlertFormat.Default;
        alert = alert.Incident is null ? alert with { Incident = AlertIncident.ForMoment(alert) } : alert;
        var rendered = RenderOnce(alert, chatbot, format);

        // SNS refuses messages over 256 KB; details give way, the headline and what to do never do.
        for (var level = 1; !AlertSize.Fits(rendered) && level <= AlertTrimmer.Levels; level++)
        {
            rendered = RenderOnce(AlertTrimmer.Trim(alert, level), chatbot, format);
        }

        return rendered;
    }

    private static RenderedAlert RenderOnce(Alert alert, bool chatbot, AlertFormat format)
    {
        var runbook = format.Runbooks.For(alert.RuleId);
        var json = JsonSerializer.Serialize(Document(alert, runbook, format), Json.AlertDocument);
        return new(
            Subject: Subject(alert),
            ShortText: ShortText(alert),
            EmailText: EmailText.Render(alert, runbook),
            Json: format.SchemaVersion == 1 ? AlertDocumentV1.From(json) : json,
            Attributes: Attributes(alert, format))
        {
            Chatbot = chatbot ? ChatbotNotification.Render(alert) : null,
            Source = alert,
        };
    }

    // What subscription filter policies select on; SNS refuses empty attribute values, so absent ones are left out, and
    // takes at most ten: these are the ten.
    private static Dictionary<string, string> Attributes(Alert alert, AlertFormat format)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["severity"] = Name(alert.Severity),
            ["rule"] = alert.RuleId,
            ["outcome"] = Name(alert.Outcome),
            ["kind"] = AlertRouting.Name(AlertRouting.KindOf(alert)),
            ["action_required"] = AlertRouting.ActionRequired(alert) ? "true" : "false",
            ["incident_status"] = AlertIncident.Name(alert.Incident!.Status),
        };
        string?[] values = [alert.KeyArn, Account(alert, format), alert.KeyRegion ?? alert.Event.Region, alert.AlertId];
        string[] names = ["key_arn", "account", "region", "alert_id"];
        for (var i = 0; i < names.Length; i++)
        {
            if (!string.IsNullOrEmpty(values[i]))
            {
                attributes[names[i]] = values[i]!;
            }
        }

        return attributes;
    }

    public static string Name(Severity severity) => severity.ToString().ToLowerInvariant();

    public static string Name(AlertOutcome outcome) => outcome == AlertOutcome.DryRun ? "dry-run" : outcome.ToString().ToLowerInvariant();

    public static string Name(StepStatus status) => status.ToString().ToLowerInvariant();

    internal static string Subject(Alert alert)
    {
        var text = Ascii($"[{alert.Severity.ToString().ToUpperInvariant()}] IdcKmsGuard: {alert.Headline}");
        return text.Length <= MaxSubjectLength ? text : string.Concat(text.AsSpan(0, MaxSubjectLength - 3), "...");
    }

    private static string ShortText(Alert alert)
    {
        var builder = new StringBuilder()
            .Append('[').Append(alert.Severity.ToString().ToUpperInvariant()).Append("] ").AppendLine(UntrustedText.OneLine(alert.Headline));
        if (alert.KeyArn is not null)
        {
            builder.Append("Key: ").AppendLine(alert.KeyArn);
        }

        builder.Append("By: ").AppendLine(UntrustedText.OneLine(EmailText.Who(alert.Event.Actor)));
        if (alert.NextSteps.Count > 0)
        {
            builder.Append("Next: ").AppendLine(UntrustedText.OneLine(alert.NextSteps[0]));
        }

        return builder.ToString();
    }

    private static string? Account(Alert alert, AlertFormat format) => format.Account ?? alert.Event.Account ?? alert.Event.Actor.AccountId;

    private static AlertDocument Document(Alert alert, string runbook, AlertFormat format) => new(
        Schema: AlertDocument.SchemaOf(AlertDocument.CurrentVersion),
        Kind: AlertRouting.Name(AlertRouting.KindOf(alert)),
        ActionRequired: AlertRouting.ActionRequired(alert),
        Incident: new AlertDocumentIncident(
            alert.Incident!.Id, AlertIncident.Name(alert.Incident.Status), alert.Incident.OpenedAt, alert.Incident.Repeats),
        Severity: Name(alert.Severity),
        Rule: alert.RuleId,
        Outcome: Name(alert.Outcome),
        Headline: alert.Headline,
        WhatHappened: alert.WhatHappened,
        Event: alert.Event,
        Key: alert.KeyArn is null ? null : new AlertDocumentKey(alert.KeyArn, alert.KeyRegion, alert.KeyStateBefore, alert.KeyStateAfter),
        InstanceArn: alert.InstanceArn,
        Findings: alert.Findings.Select(f => new AlertDocumentFinding(f.RuleId, Name(f.Severity), f.Message, f.Resolved)).ToList(),
        Steps: alert.Steps.Select(s => new AlertDocumentStep(s.Action, Name(s.Status), s.Detail)).ToList(),
        Verification: alert.Verification,
        NextSteps: alert.NextSteps,
        Links: new AlertDocumentLinks(ConsoleLinks.Key(alert.KeyArn), ConsoleLinks.Event(alert.Event.EventId, alert.Event.Region)) { Runbook = runbook },
        DetectedAt: alert.DetectedAt,
        Trimmed: alert.Trimmed,
        PolicyDiff: alert.PolicyDiff,
        PolicyChange: alert.PolicyChange,
        SuppressedRepeats: alert.SuppressedRepeats,
        PreviousAlertAt: alert.PreviousAlertAt,
        AlertId: alert.AlertId,
        Guard: new AlertDocumentGuard(AlertFormat.GuardVersion),
        Account: new AlertDocumentAccount(Account(alert, format), format.AccountLabel));

    // SNS refuses subjects with non-ASCII or control characters.
    private static string Ascii(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c is >= ' ' and <= '~' ? c : ' ');
        }

        return builder.ToString();
    }
}
